package kmlab.grid;

import java.io.IOException;
import java.nio.ByteBuffer;
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
import kmlab.runs.RunsFile;

/**
 * The results of a grid run: one JSON line per run ({@code runs.jsonl}, the record) and the same
 * rows as a tidy CSV ({@code runs.csv}), both written by {@link RunRecords}. Each row is appended
 * as soon as its run ends, so a killed grid loses at most the run in progress; an append that fails
 * (a full disk) is cut off both files again, so a row is in both or in neither. On resume the JSON
 * lines are read back ({@link RunsFile}: a torn last line is cut, any other damaged line refused)
 * and the CSV is rewritten from what survived. Once {@link #stop}ped (the runner is interrupted)
 * nothing more is appended.
 */
final class ResultsLog implements AutoCloseable {
    private final Path jsonl;
    private final Path csv;
    private final FileChannel jsonOut;
    private final FileChannel csvOut;
    private final Set<String> done = new HashSet<>();
    private boolean stopped;

    /** The records of a results folder, as written. */
    static List<RunRecord> read(Path dir) throws IOException {
        return RunsFile.read(dir.resolve(RunsFile.NAME));
    }

    ResultsLog(Path dir, boolean resume) throws IOException {
        this.jsonl = dir.resolve(RunsFile.NAME);
        this.csv = dir.resolve("runs.csv");
        if (Files.exists(jsonl) && !resume) {
            throw new IllegalArgumentException(dir + " already holds a grid run: add --resume, or choose another --out");
        }
        List<RunRecord> kept = resume && Files.exists(jsonl) ? recover() : List.of();
        // the CSV is made whole beside the old one: a full disk leaves the old one, not half a new one
        AtomicOutput.write(csv, w -> {
            w.write(String.join(",", RunRecords.COLUMNS) + "\n");
            for (RunRecord row : kept) {
                w.write(RunRecords.csv(row) + "\n");
            }
        });
        kept.forEach(row -> done.add(row.spec().key()));
        jsonOut = FileChannel.open(jsonl, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        csvOut = FileChannel.open(csv, StandardOpenOption.WRITE);
    }

    /** The runs already recorded (by key). */
    Set<String> done() {
        return done;
    }

    /**
     * Reads the records back and cuts a torn last line off the file. Runs skipped because their
     * peer was not installed are dropped from the record, so that a resume after installing it runs them.
     */
    private List<RunRecord> recover() throws IOException {
        RunsFile.Recovered r = RunsFile.recover(jsonl);
        List<RunRecord> rows = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (RunsFile.Line line : r.lines()) {
            if (line.record().outcome().status() != RunOutcome.Status.SKIPPED) {
                rows.add(line.record());
                kept.add(line.text());
            }
        }
        if (kept.size() < r.lines().size()) {
            AtomicOutput.write(jsonl, w -> {
                for (String l : kept) {
                    w.write(l + "\n");
                }
            });
        } else {
            try (FileChannel ch = FileChannel.open(jsonl, StandardOpenOption.WRITE)) {
                ch.truncate(r.end());
            }
        }
        return rows;
    }

    /**
     * Appends the row to both files; false, writing nothing, once the log is stopped. A write that
     * fails is cut off again (both files end where they ended before) and rethrown, saying so.
     */
    synchronized boolean append(RunRecord row) throws IOException {
        if (stopped) {
            return false;
        }
        long jsonEnd = jsonOut.size();
        long csvEnd = csvOut.size();
        try {
            write(jsonOut, jsonEnd, RunRecords.json(row));
            write(csvOut, csvEnd, RunRecords.csv(row));
        } catch (IOException e) {
            try {
                jsonOut.truncate(jsonEnd);
                csvOut.truncate(csvEnd);
            } catch (IOException ignored) {
                // cannot cut it here: the resume cuts a torn last line, and rebuilds the CSV
            }
            throw new IOException("recording run " + row.spec().key() + " in " + jsonl.getParent() + " failed ("
                    + e.getMessage() + "); the run is not recorded, and what was written of it was cut off again", e);
        }
        done.add(row.spec().key());
        return true;
    }

    private static void write(FileChannel ch, long at, String line) throws IOException {
        ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            ch.write(b, at + b.position());
        }
    }

    /** No append from now on; an append under way has ended when this returns. */
    synchronized void stop() {
        stopped = true;
    }

    @Override
    public synchronized void close() throws IOException {
        try (jsonOut; csvOut) {
            stopped = true;
        }
    }
}
