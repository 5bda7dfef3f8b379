#!/usr/bin/python3
"""Writes the benchmark's models and request bodies into DIR (bench/serve-load.sh calls it).

Run with MLflow 2.17.2 from the oracle's source tree:
    PYTHONPATH=/work/oracle/mlflow2 /usr/bin/python3 bench/serve/make_bench_models.py DIR

Models (pyfunc, loadable by MLflow's own scoring server): u8 (uint8 tensor (-1, 28, 28, 1)), f32
(float32 tensor (-1, 784)) and df (columns id long, x double, name string, ok boolean). Each model
answers one constant number, so MLflow's time is its request handling, not the model's or its
JSON output's. Bodies: u8.json (50 images, about 260 KB), f32.json (16 rows of 784 floats),
df.json (a 1,000-row dataframe_split), bad_shape.json (u8 images 28x27), bad_json.json (u8.json cut
in the middle). Seeded: the same bytes every run.
"""
import json
import os
import sys
import warnings

STUBS = os.environ.get("ORACLE_STUBS", "/work/shared/mlflow-oracle/stubs")
sys.path.insert(0, STUBS)
import autostub  # noqa: E402

autostub.install(["opentelemetry"])
warnings.filterwarnings("ignore")
os.environ.setdefault("MLFLOW_TRACKING_URI", "file:///tmp/signet-bench-mlruns")

import numpy as np  # noqa: E402
import mlflow  # noqa: E402
from mlflow.models import ModelSignature  # noqa: E402
from mlflow.types.schema import ColSpec, DataType, Schema, TensorSpec  # noqa: E402

PIP = ["mlflow==2.17.2", "numpy==1.24.2", "pandas==1.5.3"]


class Constant(mlflow.pyfunc.PythonModel):
    """Answers [0.0] whatever it is given: the benchmark measures the server, not a model."""

    def predict(self, context, model_input, params=None):
        return [0.0]


def save(out, name, inputs):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        mlflow.pyfunc.save_model(path, python_model=Constant(), pip_requirements=PIP,
                                 signature=ModelSignature(inputs=inputs))


def main(out):
    os.makedirs(out, exist_ok=True)
    save(out, "u8", Schema([TensorSpec(np.dtype(np.uint8), (-1, 28, 28, 1))]))
    save(out, "f32", Schema([TensorSpec(np.dtype(np.float32), (-1, 784))]))
    save(out, "df", Schema([ColSpec(DataType.long, "id"), ColSpec(DataType.double, "x"),
                            ColSpec(DataType.string, "name"), ColSpec(DataType.boolean, "ok")]))
    rng = np.random.default_rng(14)
    u8 = json.dumps({"inputs": rng.integers(0, 256, size=(50, 28, 28, 1)).tolist()})
    f32 = json.dumps({"inputs": rng.standard_normal((16, 784)).astype(np.float32).tolist()})
    rows = [[i, float(rng.standard_normal()), "name-%d" % i, bool(i % 2)] for i in range(1000)]
    df = json.dumps({"dataframe_split": {"columns": ["id", "x", "name", "ok"], "data": rows}})
    bad_shape = json.dumps({"inputs": rng.integers(0, 256, size=(50, 28, 27, 1)).tolist()})
    bodies = {"u8": u8, "f32": f32, "df": df, "bad_shape": bad_shape, "bad_json": u8[: len(u8) // 2]}
    for k, v in bodies.items():
        with open(os.path.join(out, k + ".json"), "w") as f:
            f.write(v)
    print("bench models and bodies in", out, {k: len(v) for k, v in bodies.items()})


if __name__ == "__main__":
    main(sys.argv[1])
