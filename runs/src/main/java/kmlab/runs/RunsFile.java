package kmlab.runs;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kmlab.util.OneLine;

/**
 * A results folder's {@code runs.jsonl} read back, for resume, merge and the analysis alike: every
 * line a run record, or an IllegalArgumentException of one line naming the file and the line
 * ({@code DIR/runs.jsonl:7: not a run record: ...}). Blank lines are skipped. Only a resume cuts
 * anything: the torn last line a runner killed (or out of space) in the middle of an append leaves,
 * a last line without its newline or that is not JSON. A bad line with a line after it is never
 * cut: cutting there would drop the records after it.
 */
public final class RunsFile {
    /** The file's name in a results folder. */
    public static final String NAME = "runs.jsonl";

    private RunsFile() {
    }

    /** One record and its line as written. */
    public record Line(int number, String text, RunRecord record) {
    }

    /** The records a resume keeps, and the byte length of the file without its torn last line. */
    public record Recovered(List<Line> lines, long end) {
    }

    /** Every record of {@code file}; any line that is not one is refused. */
    public static List<RunRecord> read(Path file) throws IOException {
        return scan(file, false).lines().stream().map(Line::record).toList();
    }

    /** The records of {@code file} before a torn last line; any other line that is not a record is refused. */
    public static Recovered recover(Path file) throws IOException {
        return scan(file, true);
    }

    private static Recovered scan(Path file, boolean cutTornEnd) throws IOException {
        byte[] b = Files.readAllBytes(file);
        int last = lastLineStart(b);
        List<Line> lines = new ArrayList<>();
        long end = 0;
        int number = 0;
        for (int start = 0; start < b.length; ) {
            int nl = start;
            while (nl < b.length && b[nl] != '\n') {
                nl++;
            }
            number++;
            int next = Math.min(nl + 1, b.length);
            String text = decode(b, start, nl);
            if (text == null || !text.isBlank()) {
                Parsed p = parse(text);
                boolean unterminated = nl == b.length;
                boolean torn = start == last && (unterminated || !p.json());
                if (torn && cutTornEnd) {
                    break;
                }
                if (p.problem() != null || unterminated) {
                    String problem = p.problem() != null ? p.problem() : "not a run record: no newline after it";
                    throw new IllegalArgumentException(OneLine.of(file + ":" + number + ": " + problem
                            + (torn ? " (the torn last line of an interrupted run: kmlab run --resume cuts it)" : "")));
                }
                lines.add(new Line(number, text, p.record()));
            }
            end = next;
            start = next;
        }
        return new Recovered(List.copyOf(lines), end);
    }

    /** A line read: its record, or why it is none (and whether it is JSON at all). */
    private record Parsed(RunRecord record, String problem, boolean json) {
    }

    private static Parsed parse(String text) {
        if (text == null) {
            return new Parsed(null, "not a run record: not UTF-8 text", false);
        }
        try {
            if (!(JsonParser.parseString(text) instanceof JsonObject)) {
                return new Parsed(null, "not a run record: not a JSON object", false);
            }
        } catch (RuntimeException e) {
            return new Parsed(null, "not a run record: not JSON (" + firstLine(e.getMessage()) + ")", false);
        }
        try {
            return new Parsed(RunRecords.parse(text), null, true);
        } catch (IllegalArgumentException e) {
            return new Parsed(null, firstLine(e.getMessage()), true); // RunRecords says "not a run record (why)"
        }
    }

    /** Where the last line that is not blank starts (-1: none). */
    private static int lastLineStart(byte[] b) {
        int end = b.length;
        while (end > 0 && (b[end - 1] == '\n' || b[end - 1] == '\r' || b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
        }
        if (end == 0) {
            return -1;
        }
        int start = end;
        while (start > 0 && b[start - 1] != '\n') {
            start--;
        }
        return start;
    }

    private static String decode(byte[] b, int from, int to) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, from, to - from))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** A library's message as one line: Gson's add a second one pointing to its troubleshooting page. */
    private static String firstLine(String message) {
        String s = message == null ? "" : message.strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl).strip();
    }
}
