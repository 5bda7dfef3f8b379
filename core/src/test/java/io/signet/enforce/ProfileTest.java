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
        }
        assertEquals("not yet: optionalReachesNested for MLflow 3.6",
            Profile.MLFLOW_3.notYet("optionalReachesNested").getMessage());
        assertFalse(Profile.MLFLOW_2.mlflowVersion().isEmpty());
        assertTrue(Profile.MLFLOW_3.numpyVersion().startsWith("2."));
    }
}
