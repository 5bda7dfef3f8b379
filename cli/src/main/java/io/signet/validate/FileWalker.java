package io.signet.validate;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands the command line's paths into files: directories are walked recursively (in sorted
 * order); inside directories only the extensions Signet reads are taken, and the others are
 * counted so that the report can say what was left out. A path given explicitly is always taken,
 * so a missing or unsupported file is reported rather than dropped.
 *
 * <p>Symbolic links inside a directory are followed while they stay inside it (its real path);
 * a link that leaves it, a broken link, and a FIFO or device with a readable extension are never
 * skipped silently: they are listed in {@link Found#refused} and reported as unreadable.
 */
public final class FileWalker {
    /** Extensions read inside directories. */
    public static final List<String> EXTENSIONS = List.of(".npy", ".npz", ".json", ".jsonl", ".csv");

    /** The files found, and what the walk left out. */
    public static final class Found {
        public final List<Path> files = new ArrayList<>();
        public int otherFiles;
        public final List<String> walkErrors = new ArrayList<>();
        /** Entries in {@link #files} that are reported, not read: path to reason. */
        public final Map<Path, String> refused = new LinkedHashMap<>();
    }

    private FileWalker() {
    }

    public static Found walk(final List<Path> roots) {
        final Found f = new Found();
        for (final Path root : roots) {
            if (!Files.isDirectory(root)) {
                f.files.add(root);
                continue;
            }
            final List<Path> inDir = new ArrayList<>();
            try {
                final Path rootReal = root.toRealPath();
                Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(final Path dir, final BasicFileAttributes attrs)
                            throws IOException {
                            if (!dir.equals(root) && Files.isSymbolicLink(dir) && !dir.toRealPath().startsWith(rootReal)) {
                                f.refused.put(dir, "symbolic link to a directory outside " + root + ", not followed");
                                inDir.add(dir);
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs)
                            throws IOException {
                            if (!readable(file)) {
                                f.otherFiles++;
                                return FileVisitResult.CONTINUE;
                            }
                            inDir.add(file);
                            if (attrs.isSymbolicLink()) { // FOLLOW_LINKS gives the link's own attributes when its target is gone
                                f.refused.put(file, "broken symbolic link");
                            } else if (Files.isSymbolicLink(file) && !file.toRealPath().startsWith(rootReal)) {
                                f.refused.put(file, "symbolic link to a file outside " + root + ", not followed");
                            } else if (!attrs.isRegularFile()) {
                                f.refused.put(file, "not a regular file (a FIFO, socket or device)");
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(final Path file, final IOException e) {
                            if (e instanceof FileSystemLoopException) {
                                f.refused.put(file, "symbolic link that loops back into its own directory, not followed");
                                inDir.add(file);
                            } else {
                                f.walkErrors.add(file + ": " + e.getMessage());
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
            } catch (final IOException e) {
                f.walkErrors.add(root + ": " + e.getMessage());
            }
            Collections.sort(inDir);
            f.files.addAll(inDir);
        }
        return f;
    }

    static boolean readable(final Path p) {
        final String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        for (final String e : EXTENSIONS) {
            if (n.endsWith(e)) {
                return true;
            }
        }
        return false;
    }

    /** Reports the walk's refused entries as unreadable files, before any other validator looks at them. */
    public static FileValidator refusedValidator(final Found found) {
        final Map<Path, String> refused = Map.copyOf(found.refused);
        return new FileValidator() {
            @Override
            public boolean accepts(final Path file) {
                return refused.containsKey(file);
            }

            @Override
            public boolean needsFile() {
                return false;
            }

            @Override
            public void validate(final Path file, final FileResult result) {
                result.unreadable(null, refused.get(file));
            }
        };
    }
}
