package io.signet.validate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What validating one file found: its status, how many inputs it held, and the problems (bounded). */
public final class FileResult {
    /** A file's overall verdict. */
    public enum Status {
        /** Every input in it matches the signature. */
        VALID,
        /** It was read, and at least one input does not match. */
        INVALID,
        /** It could not be read (missing, unreadable, corrupt, unsupported). */
        UNREADABLE
    }

    /**
     * One problem: where (inside the file), MLflow's sentence and, for request bodies, the answer a
     * scoring server would give. Fields that do not apply are null.
     */
    public static final class Problem {
        /** Where, for people: {@code line 14 /inputs/0/5/3/0}, {@code inputs[1][1]}, {@code input example}. */
        public final String location;
        /** MLflow's sentence (or Signet's, for files it cannot read); no "HTTP 400" prefix. */
        public final String message;
        public final String errorCode;
        public final String deviation;
        /** The HTTP status a scoring server answers (request bodies only). */
        public final Integer httpStatus;
        /** 1-based line in the file (a .jsonl line, or the line inside a .json or .csv body). */
        public final Long line;
        /** 1-based column on that line, where the problem was found in a body. */
        public final Long column;
        /** JSON pointer to the offending element of a request body ({@code /inputs/0/5}). */
        public final String pointer;

        public Problem(final String location, final String message, final String errorCode, final String deviation) {
            this(location, message, errorCode, deviation, null, null, null, null);
        }

        public Problem(final String location, final String message, final String errorCode, final String deviation,
                       final Integer httpStatus, final Long line, final Long column, final String pointer) {
            this.location = location;
            this.message = message;
            this.errorCode = errorCode;
            this.deviation = deviation;
            this.httpStatus = httpStatus;
            this.line = line;
            this.column = column;
            this.pointer = pointer;
        }

        /** How the text report prints it: {@code HTTP 400 BAD_REQUEST: sentence} for bodies. */
        public String text() {
            return httpStatus == null ? message
                : "HTTP " + httpStatus + (errorCode == null ? "" : " " + errorCode) + ": " + message;
        }
    }

    private final Path path;
    private final long bytes;
    private Status status = Status.VALID;
    private long inputs;
    private long validInputs;
    private long invalidInputs;
    private final List<Problem> problems = new ArrayList<>();
    private long droppedProblems;
    private final int maxProblems;
    private boolean headerOnly;

    public FileResult(final Path path, final long bytes, final int maxProblems) {
        this.path = path;
        this.bytes = bytes;
        this.maxProblems = Math.min(maxProblems, ValidationOptions.MAX_KEPT_PROBLEMS);
    }

    /** Counts one input (an array, a payload, a line) that matched. */
    public void valid() {
        inputs++;
        validInputs++;
    }

    /** Counts one input that did not match, with its problem. */
    public void invalid(final String location, final String message, final String errorCode, final String deviation) {
        invalid(new Problem(location, message, errorCode, deviation));
    }

    /** Counts one input that did not match, with its problem. */
    public void invalid(final Problem p) {
        inputs++;
        invalidInputs++;
        if (status == Status.VALID) {
            status = Status.INVALID;
        }
        addProblem(p);
    }

    /** Another problem of the input last counted invalid. */
    public void problem(final String location, final String message, final String errorCode, final String deviation) {
        addProblem(new Problem(location, message, errorCode, deviation));
    }

    /** Marks the file (or a part of it) unreadable. */
    public void unreadable(final String location, final String message) {
        status = Status.UNREADABLE;
        addProblem(new Problem(location, message, "UNREADABLE", null));
    }

    /** The file was checked by its header alone (MLflow mode on .npy/.npz): its data bytes were not read. */
    public void headerOnly() {
        headerOnly = true;
    }

    private void addProblem(final Problem p) {
        if (problems.size() < maxProblems) {
            problems.add(p);
        } else {
            droppedProblems++;
        }
    }

    public Path path() {
        return path;
    }

    public long bytes() {
        return bytes;
    }

    /** Whether only the header was read (so {@link #bytes()} were not). */
    public boolean isHeaderOnly() {
        return headerOnly;
    }

    public Status status() {
        return status;
    }

    public long inputs() {
        return inputs;
    }

    public long validInputs() {
        return validInputs;
    }

    public long invalidInputs() {
        return invalidInputs;
    }

    public List<Problem> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** Problems past the --max-errors limit, counted but not kept. */
    public long droppedProblems() {
        return droppedProblems;
    }
}
