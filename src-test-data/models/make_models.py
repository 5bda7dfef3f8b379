#!/usr/bin/python3
"""Writes the test model directories of src-test-data/models with the real MLflow 2.17.2.

Development tool only (the JUnit tests read its output, they never run it). Run from anywhere:

    PYTHONHASHSEED=0 PYTHONPATH=/work/oracle/mlflow /usr/bin/python3 src-test-data/models/make_models.py

MLflow is imported from the oracle's source tree (see /work/shared/mlflow-oracle/README.md);
opentelemetry, which Debian 12 lacks and MLflow only uses for tracing, is stubbed the same way the
oracle does it. Each model is a tiny pyfunc PythonModel saved with `mlflow.pyfunc.save_model`,
so MLmodel, input_example.json, serving_input_example.json and the environment files are exactly
what MLflow 2.17.2 writes. pip requirements are given explicitly so MLflow does not try to infer
them by loading the model in a subprocess (which needs network access for pip checks).
Files over 50 KB other than MLmodel and the examples are deleted (none are expected).
"""
import datetime
import os
import shutil
import sys
import tempfile
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
STUBS = os.environ.get("ORACLE_STUBS", "/work/shared/mlflow-oracle/stubs")
sys.path.insert(0, STUBS)
import autostub  # noqa: E402

autostub.install(["opentelemetry"])
warnings.filterwarnings("ignore")
os.environ.setdefault("MLFLOW_TRACKING_URI", "file://" + os.path.join(tempfile.gettempdir(), "signet-make-models"))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import mlflow  # noqa: E402
from mlflow.models import ModelSignature  # noqa: E402
from mlflow.types.schema import (  # noqa: E402
    Array, ColSpec, DataType, Map, Object, ParamSchema, ParamSpec, Property, Schema, TensorSpec,
)

assert mlflow.__version__ == "2.17.2", mlflow.__version__

MAX_BYTES = 50 * 1024
KEEP = {"MLmodel", "input_example.json", "serving_input_example.json"}
PIP = ["mlflow==2.17.2", "numpy==1.24.2", "pandas==1.5.3"]


class Echo(mlflow.pyfunc.PythonModel):
    """Returns its input: the tests only care about what MLflow wrote next to it."""

    def predict(self, context, model_input, params=None):
        return model_input


def save(name, **kwargs):
    path = os.path.join(HERE, name)
    if os.path.exists(path):
        shutil.rmtree(path)
    mlflow.pyfunc.save_model(path, python_model=Echo(), pip_requirements=PIP, **kwargs)
    for root, _, files in os.walk(path):
        for f in files:
            p = os.path.join(root, f)
            if os.path.getsize(p) > MAX_BYTES and f not in KEEP:
                print("deleting large file", p)
                os.remove(p)
    print("wrote", path, sorted(os.listdir(path)))


def mnist_uint8():
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, size=(2, 28, 28, 1), dtype=np.uint8)
    sig = ModelSignature(
        inputs=Schema([TensorSpec(np.dtype(np.uint8), (-1, 28, 28, 1))]),
        outputs=Schema([TensorSpec(np.dtype(np.float32), (-1, 10))]),
    )
    save("mnist-uint8", signature=sig, input_example=images)


def tabular_optional():
    inputs = Schema([
        ColSpec(DataType.long, "id"),
        ColSpec(DataType.string, "name"),
        ColSpec(DataType.double, "score", required=False),
        ColSpec(DataType.boolean, "active", required=False),
        ColSpec(DataType.datetime, "seen"),
        ColSpec(Array(DataType.string), "tags"),
        ColSpec(Object([Property("city", DataType.string),
                        Property("zip", DataType.long, required=False)]), "address", required=False),
        ColSpec(Array(Object([Property("sku", DataType.string), Property("qty", DataType.integer)])), "items"),
        ColSpec(Map(DataType.double), "weights", required=False),
    ])
    outputs = Schema([ColSpec(DataType.double, "prediction")])
    example = pd.DataFrame({
        "id": [1, 2],
        "name": ["ada", "bob"],
        "score": [0.5, None],
        "active": [True, False],
        "seen": [datetime.datetime(2024, 1, 2, 3, 4, 5), datetime.datetime(2024, 6, 7, 8, 9, 10)],
        "tags": [["a", "b"], []],
        "address": [{"city": "Oslo", "zip": 150}, {"city": "Rome"}],
        "items": [[{"sku": "x1", "qty": 2}], [{"sku": "y2", "qty": 1}, {"sku": "z3", "qty": 5}]],
        "weights": [{"w1": 0.25, "w2": 0.75}, {}],
    })
    save("tabular-optional", signature=ModelSignature(inputs=inputs, outputs=outputs), input_example=example)


def with_params():
    inputs = Schema([ColSpec(DataType.string, "prompt")])
    outputs = Schema([ColSpec(DataType.string)])
    params = ParamSchema([
        ParamSpec("temperature", DataType.float, 0.7),
        ParamSpec("max_tokens", DataType.long, 64),
        ParamSpec("top_p", DataType.double, 1),
        ParamSpec("stream", DataType.boolean, False),
        ParamSpec("stop", DataType.string, ["\n", "###"], (-1,)),
        ParamSpec("seeds", DataType.integer, [1, 2, 3], (-1,)),
        ParamSpec("as_of", DataType.datetime, datetime.datetime(2024, 1, 2, 3, 4, 5)),
        ParamSpec("model_name", DataType.string, None),
    ])
    example = (pd.DataFrame({"prompt": ["hello", "world"]}), {"temperature": 0.2, "stop": ["."]})
    save("with-params", signature=ModelSignature(inputs=inputs, outputs=outputs, params=params),
         input_example=example)


def multi_tensor():
    sig = ModelSignature(
        inputs=Schema([
            TensorSpec(np.dtype(np.float32), (-1, 3), "features"),
            TensorSpec(np.dtype(np.int64), (-1,), "ids"),
            TensorSpec(np.dtype(str), (-1, 2), "labels"),
        ]),
        outputs=Schema([TensorSpec(np.dtype(np.float64), (-1, 1), "score")]),
    )
    example = {
        "features": np.array([[0.5, 1.5, -2.0], [3.0, 0.0, 1e-05]], dtype=np.float32),
        "ids": np.array([7, 11], dtype=np.int64),
        "labels": np.array([["cat", "dog"], ["emu", "fox"]], dtype="<U8"),
    }
    save("multi-tensor", signature=sig, input_example=example)


def no_signature():
    save("no-signature")


if __name__ == "__main__":
    mnist_uint8()
    tabular_optional()
    with_params()
    multi_tensor()
    no_signature()
