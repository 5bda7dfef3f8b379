package io.signet.enforce;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileTest {
    @Test
    void modelsChooseTheirProfileByMajorVersion() {
        assertEquals(Profile.MLFLOW_2, Profile.forMlflowVersion("2.17.2"));
        assertEquals(Profile.MLFLOW_2, Profile.forMlflowVersion("1.30.0"));
        assertEquals(Profile.MLFLOW_3, Profile.forMlflowVersion("3.1.0"));
        assertEquals(Profile.MLFLOW_3, Profile.forMlflowVersion("3.6.1.dev0"));
        assertEquals(Profile.MLFLOW_3, Profile.forMlflowVersion(" 10.0 "));
        assertEquals(Profile.MLFLOW_2, Profile.forMlflowVersion("2"));
        assertThrows(IllegalArgumentException.class, () -> Profile.forMlflowVersion("v3"));
        assertThrows(IllegalArgumentException.class, () -> Profile.forMlflowVersion(""));
        assertThrows(IllegalArgumentException.class, () -> Profile.forMlflowVersion(null));
    }

    @Test
    void mlflow2AnswersEveryRuleQuestionAsTodayAndMlflow3SaysWhereItDiffers() {
        for (final Profile p : Profile.values()) {
            final boolean three = p == Profile.MLFLOW_3;
            assertEquals(three, p.optionalReachesNested());
            assertEquals(three, p.requiredAbsentMeansOptional());
            assertEquals(three, p.legacyOptionalKeyRefused());
            assertEquals(three, p.anyType());
            assertEquals(three, p.arrayLeavesAsOneSeries());
            assertEquals(three, p.bodyBomAccepted());
            assertEquals(three, p.objectParams());
            assertEquals(three, p.paramErrorsAreInvalidParameterValue());
            assertEquals(three, p.numpyRaisesOnIntOverflow());
            assertEquals(three, p.pandasRefusesAwareDatetimeStrings());
            assertEquals(three, p.extraInputsSentenceEndsWithPeriod());
            assertEquals(three, p.dataFrameMapExists());
            assertEquals(three, p.strToBoolIsTruth());
            assertEquals(three, p.pandasKeepsTimeUnit());
        }
        assertEquals("not yet: optionalReachesNested for MLflow 3.6",
            Profile.MLFLOW_3.notYet("optionalReachesNested").getMessage());
        assertFalse(Profile.MLFLOW_2.mlflowVersion().isEmpty());
        // one rule, each profile's answer: MLflow 3 judges an Array's leaves as one Series ([1, None] is float64,
        // refused for long with the missing-values hint), MLflow 2 each element (None is not a scalar)
        final io.signet.schema.ArrayType longs = new io.signet.schema.ArrayType(io.signet.schema.DataType.LONG);
        final java.util.List<Object> withNone = java.util.Arrays.asList(1L, null);
        assertTrue(assertThrows(io.signet.mlflow.MlflowException.class,
            () -> io.signet.mlflow.Types.enforce(withNone, longs, true, Profile.MLFLOW_3)).getMessage()
            .startsWith("Incompatible input types for column . Can not safely convert float64 to int64. Hint: the "
                + "type mismatch is likely caused by missing values."));
        assertEquals("Expected data to be scalar, got NoneType", assertThrows(io.signet.mlflow.MlflowException.class,
            () -> io.signet.mlflow.Types.enforce(withNone, longs, true, Profile.MLFLOW_2)).getMessage());
        assertEquals(Profile.MLFLOW_3, new io.signet.serving.ScoringServer(null, Profile.MLFLOW_3, Mode.MLFLOW,
            io.signet.json.Limits.DEFAULT).profile());
        assertTrue(Profile.MLFLOW_3.numpyVersion().startsWith("2."));
    }
}
