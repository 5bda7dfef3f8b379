package io.signet.serving;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.signet.column.ColumnBatch;
import io.signet.enforce.Mode;
import io.signet.json.Limits;
import io.signet.testing.Allocations;
import io.signet.tensor.DType;
import org.junit.jupiter.api.Test;

class TmpAllocProbeTest {
    @Test
    void probe() throws Exception {
        final byte[] body = AllocationTest.splitPayload(1000);
        final JsonFactory f = io.signet.json.Json.factory(Limits.DEFAULT);
        final Runnable parse = () -> {
            try (JsonParser p = f.createParser(body)) {
                p.nextToken();
            } catch (java.io.IOException e) {
                throw new RuntimeException(e);
            }
        };
        final Runnable tokens = () -> {
            try (JsonParser p = f.createParser(body)) {
                while (p.nextToken() != null) {
                    if (p.currentTokenId() == com.fasterxml.jackson.core.JsonTokenId.ID_NUMBER_FLOAT) {
                        p.getDoubleValue();
                    } else if (p.currentTokenId() == com.fasterxml.jackson.core.JsonTokenId.ID_STRING) {
                        p.getTextCharacters();
                    }
                }
            } catch (java.io.IOException e) {
                throw new RuntimeException(e);
            }
        };
        final Runnable bare = () -> {
            try (JsonParser p = f.createParser(body)) {
                while (p.nextToken() != null) {
                }
            } catch (java.io.IOException e) {
                throw new RuntimeException(e);
            }
        };
        final byte[] small = "{\"a\": [[1, 2.5, \"x\", true]]}".getBytes();
        final Runnable smallTok = () -> {
            try (JsonParser p = f.createParser(small)) {
                while (p.nextToken() != null) {
                }
            } catch (java.io.IOException e) {
                throw new RuntimeException(e);
            }
        };
        final Runnable dbl = () -> {
            try (JsonParser p = f.createParser(body)) {
                while (p.nextToken() != null) {
                    if (p.currentTokenId() == com.fasterxml.jackson.core.JsonTokenId.ID_NUMBER_FLOAT) {
                        p.getDoubleValue();
                    }
                }
            } catch (java.io.IOException e) {
                throw new RuntimeException(e);
            }
        };
        final Runnable txt = () -> {
            try (JsonParser p = f.createParser(body)) {
                while (p.nextToken() != null) {
                    if (p.currentTokenId() == com.fasterxml.jackson.core.JsonTokenId.ID_STRING) {
                        p.getTextCharacters();
                    }
                }
            } catch (java.io.IOException e) {
                throw new RuntimeException(e);
            }
        };
        final ColumnBatch b = new ColumnBatch();
        final Runnable batch = () -> {
            b.clear();
            for (int i = 0; i < 4; i++) {
                b.startColumn("c" + (i == 0 ? "" : ""), DType.INT64);
            }
        };
        final ColumnBatch b2 = new ColumnBatch();
        final String[] nm = {"a", "b", "c", "d"};
        final Runnable batch2 = () -> {
            b2.clear();
            for (int i = 0; i < 4; i++) {
                b2.startColumn(nm[i], DType.INT64).appendLong(1).finish();
            }
        };
        final ScoringServer server = new ScoringServer(ScoringServerTest.sig("[{\"type\": \"long\", \"name\": \"id\"}, {\"type\": \"double\", \"name\": \"score\"}, {\"type\": \"string\", \"name\": \"name\"}, {\"type\": \"boolean\", \"name\": \"flag\"}]"), Mode.MLFLOW, Limits.DEFAULT);
        server.invoke(body, null);
        final Runnable check = () -> server.frame();
        for (int i = 0; i < 3000; i++) {
            parse.run(); tokens.run(); dbl.run(); txt.run(); bare.run(); smallTok.run(); batch2.run(); server.invoke(body, null);
        }
        System.out.println("PROBE parse=" + Allocations.steadyState(parse, 10) + " tokens=" + Allocations.steadyState(tokens, 10)
            + " bare=" + Allocations.steadyState(bare, 10) + " small=" + Allocations.steadyState(smallTok, 10) + " dbl=" + Allocations.steadyState(dbl, 10) + " txt=" + Allocations.steadyState(txt, 10) + " batch2=" + Allocations.steadyState(batch2, 10) + " invoke=" + Allocations.steadyState(() -> server.invoke(body, null), 10));
    }
}
