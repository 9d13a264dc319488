package kmlab.grid;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kmlab.data.AtomicOutput;
import kmlab.runs.RunOutcome;
import kmlab.runs.RunRecord;
import kmlab.runs.RunRecords;

/**
 * The results of a grid run: one JSON line per run ({@code runs.jsonl}, the record) and the same
 * rows as a tidy CSV ({@code runs.csv}), both written by {@link RunRecords}. Each row is appended
 * and flushed as soon as its run ends, so a killed grid loses at most the run in progress. On
 * resume the JSON lines are read back, a torn last line is cut off, and the CSV is rewritten from
 * what survived.
 */
final class ResultsLog implements AutoCloseable {
    private final Path jsonl;
    private final OutputStream jsonOut;
    private final OutputStream csvOut;
    private final Set<String> done = new HashSet<>();

    /** The records of a results folder, as written. */
    static List<RunRecord> read(Path dir) throws IOException {
        Path file = dir.resolve("runs.jsonl");
        List<RunRecord> rows = new ArrayList<>();
        int line = 0;
        for (String s : Files.readAllLines(file)) {
            line++;
            if (!s.isBlank()) {
                rows.add(parse(file, line, s));
            }
        }
        return rows;
    }

    private static RunRecord parse(Path file, int line, String s) {
        try {
            return RunRecords.parse(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ":" + line + ": " + e.getMessage());
        }
    }

    ResultsLog(Path dir, boolean resume) throws IOException {
        this.jsonl = dir.resolve("runs.jsonl");
        Path csv = dir.resolve("runs.csv");
        if (Files.exists(jsonl) && !resume) {
            throw new IllegalArgumentException(dir + " already holds a grid run: add --resume, or choose another --out");
        }
        List<RunRecord> kept = resume && Files.exists(jsonl) ? recover() : List.of();
        jsonOut = Files.newOutputStream(jsonl, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        csvOut = Files.newOutputStream(csv, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        csvOut.write((String.join(",", RunRecords.COLUMNS) + "\n").getBytes(StandardCharsets.UTF_8));
        for (RunRecord row : kept) {
            done.add(row.spec().key());
            csvOut.write((RunRecords.csv(row) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        csvOut.flush();
    }

    /** The runs already recorded (by key). */
    Set<String> done() {
        return done;
    }

    /**
     * Reads the complete lines back and cuts the file after the last one (a line that is not JSON
     * is the torn end of a killed run; JSON that is not a record is an error, never cut). Runs
     * skipped because their peer was not installed are dropped from the record, so that a resume
     * after installing it runs them.
     */
    private List<RunRecord> recover() throws IOException {
        byte[] bytes = Files.readAllBytes(jsonl);
        List<RunRecord> rows = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        boolean droppedSkipped = false;
        int good = 0;
        int start = 0;
        int line = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            line++;
            String text = new String(bytes, start, i - start, StandardCharsets.UTF_8);
            try {
                JsonParser.parseString(text).getAsJsonObject();
            } catch (RuntimeException e) {
                break; // a damaged line: keep what precedes it
            }
            RunRecord row = parse(jsonl, line, text);
            good = i + 1;
            if (row.outcome().status() == RunOutcome.Status.SKIPPED) {
                droppedSkipped = true;
            } else {
                rows.add(row);
                kept.add(text);
            }
            start = i + 1;
        }
        if (droppedSkipped) {
            AtomicOutput.write(jsonl, w -> {
                for (String l : kept) {
                    w.write(l + "\n");
                }
            });
        } else {
            try (FileChannel ch = FileChannel.open(jsonl, StandardOpenOption.WRITE)) {
                ch.truncate(good);
            }
        }
        return rows;
    }

    void append(RunRecord row) throws IOException {
        done.add(row.spec().key());
        jsonOut.write((RunRecords.json(row) + "\n").getBytes(StandardCharsets.UTF_8));
        jsonOut.flush();
        csvOut.write((RunRecords.csv(row) + "\n").getBytes(StandardCharsets.UTF_8));
        csvOut.flush();
    }

    @Override
    public void close() throws IOException {
        jsonOut.close();
        csvOut.close();
    }
}
