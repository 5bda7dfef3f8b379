package io.signet.spark;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SmokeTest {
    @Test
    void localSession() {
        SparkSession s = SparkSession.builder().master("local[2]").appName("smoke").config("spark.ui.enabled", "false").getOrCreate();
        assertEquals(10, s.range(10).count());
        System.out.println("jackson " + com.fasterxml.jackson.core.json.PackageVersion.VERSION);
        s.stop();
    }
}
