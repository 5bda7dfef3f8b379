package io.signet.validate;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Expands the command line's paths into files: directories are walked recursively (in sorted
 * order); inside directories only the extensions Signet reads are taken, and the others are
 * counted so that the report can say what was left out. A path given explicitly is always taken,
 * so a missing or unsupported file is reported rather than dropped.
 */
public final class FileWalker {
    /** Extensions read inside directories. */
    public static final List<String> EXTENSIONS = List.of(".npy", ".npz", ".json", ".jsonl");

    /** The files found, and what the walk left out. */
    public static final class Found {
        public final List<Path> files = new ArrayList<>();
        public int otherFiles;
        public final List<String> walkErrors = new ArrayList<>();
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
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) {
                        if (attrs.isRegularFile()) {
                            if (readable(file)) {
                                inDir.add(file);
                            } else {
                                f.otherFiles++;
                            }
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(final Path file, final IOException e) {
                        f.walkErrors.add(file + ": " + e.getMessage());
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
}
