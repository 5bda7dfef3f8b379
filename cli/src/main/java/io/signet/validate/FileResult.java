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

    /** One problem: where (inside the file) and MLflow's sentence. */
    public static final class Problem {
        public final String location;
        public final String message;
        public final String errorCode;
        public final String deviation;

        public Problem(final String location, final String message, final String errorCode, final String deviation) {
            this.location = location;
            this.message = message;
            this.errorCode = errorCode;
            this.deviation = deviation;
        }
    }

    private final Path path;
    private final long bytes;
    private Status status = Status.VALID;
    private long inputs;
    private long validInputs;
    private long invalidInputs;
    private final List<Problem> problems = new ArrayList<>();
    private int droppedProblems;
    private final int maxProblems;

    public FileResult(final Path path, final long bytes, final int maxProblems) {
        this.path = path;
        this.bytes = bytes;
        this.maxProblems = maxProblems;
    }

    /** Counts one input (an array, a payload, a line) that matched. */
    public void valid() {
        inputs++;
        validInputs++;
    }

    /** Counts one input that did not match, with its problem. */
    public void invalid(final String location, final String message, final String errorCode, final String deviation) {
        inputs++;
        invalidInputs++;
        if (status == Status.VALID) {
            status = Status.INVALID;
        }
        addProblem(new Problem(location, message, errorCode, deviation));
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
    public int droppedProblems() {
        return droppedProblems;
    }
}
