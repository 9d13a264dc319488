package kmlab.runs;

/** A line of a results folder's {@code runs.jsonl}: the planned run, the machine that ran it, and its outcome. */
public record RunRecord(RunSpec spec, String machineId, RunOutcome outcome) {
}
