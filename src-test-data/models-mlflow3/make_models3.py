"""Writes the MLflow 3 test model directories of src-test-data/models-mlflow3 with the real MLflow 3.6.

Development tool only (the JUnit tests read its output, they never run it). Run from anywhere, with the
MLflow 3.6 oracle install (numpy 2.3 / pandas 2.3, see /work/shared/mlflow3-oracle/README.md):

    PYTHONHASHSEED=0 PYTHONPATH=/work/oracle/mlflow3src /work/oracle/venv3/bin/python src-test-data/models-mlflow3/make_models3.py

The twin of ../models/make_models.py (MLflow 2.17.2). A directory of its own, not models/: ModelDirectoryTest
opens every directory of models/ with today's (2.17) rules, which refuse `any`; the MLflow 3 profile's tests read
these. Each model is a tiny pyfunc PythonModel saved with
`mlflow.pyfunc.save_model`, so MLmodel, input_example.json, serving_input_example.json and the environment
files are exactly what MLflow 3.6 writes (mlflow_version as this source tree reports it: 3.6.1.dev0).
opentelemetry.semconv and databricks are stubbed as the 3.x oracle does it (tracing only).

  mlflow3-int-columns   signature inferred by MLflow from a DataFrame with default integer column labels
                        (what a model trained on a numpy array and logged with a DataFrame example gets):
                        ColSpecs named 0, 1, 2 ("name": 0 in MLmodel); its serving_input_example.json is a
                        dataframe_split whose columns are those integers.
  mlflow3-any-optional  any columns, optional nested Object / Array / Map values (required absent = optional),
                        an object param with properties beside scalar and array params.
Files over 50 KB other than MLmodel and the examples are deleted (none are expected).
"""
import os
import shutil
import sys
import tempfile
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
STUBS = os.environ.get("ORACLE3_STUBS", "/work/shared/mlflow3-oracle/stubs")
sys.path.insert(0, STUBS)
import stub3  # noqa: E402

stub3.install(constants=["opentelemetry.semconv"], empty_namespace=["databricks"])
warnings.filterwarnings("ignore")
os.environ.setdefault("MLFLOW_TRACKING_URI", "file://" + os.path.join(tempfile.gettempdir(), "signet-make-models3"))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import mlflow  # noqa: E402
from mlflow.models import ModelSignature  # noqa: E402
from mlflow.types.schema import (  # noqa: E402
    AnyType, Array, ColSpec, DataType, Map, Object, ParamSchema, ParamSpec, Property, Schema,
)

assert mlflow.__version__.startswith("3."), mlflow.__version__

MAX_BYTES = 50 * 1024
KEEP = {"MLmodel", "input_example.json", "serving_input_example.json"}
PIP = ["mlflow==3.6.0", "numpy==%s" % np.__version__, "pandas==%s" % pd.__version__]


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
    return path


def int_columns():
    # a model trained on a numpy array; the example is the same array as a DataFrame, whose columns are
    # pandas' default RangeIndex 0..2: MLflow infers ColSpecs named by those integers
    x = np.array([[5.1, 3.5, 1.4], [6.2, 2.9, 4.3]], dtype=np.float64)
    path = save("mlflow3-int-columns", input_example=pd.DataFrame(x))
    # the example must validate against the model MLflow wrote, as `mlflow models serve` would take it
    from mlflow.models.utils import load_serving_example, validate_serving_input

    validate_serving_input(path, load_serving_example(path))


def any_optional():
    inputs = Schema([
        ColSpec(DataType.string, "prompt"),
        ColSpec(AnyType(), "context", required=False),
        ColSpec(Object([Property("city", DataType.string),
                        Property("zip", DataType.long, required=False),
                        Property("tags", Array(DataType.string), required=False),
                        Property("extra", AnyType(), required=False)]), "address", required=False),
        ColSpec(Array(AnyType()), "history", required=False),
        ColSpec(Map(Array(DataType.double)), "weights", required=False),
    ])
    outputs = Schema([ColSpec(DataType.string)])
    params = ParamSchema([
        ParamSpec("temperature", DataType.double, 0.5),
        ParamSpec("stop", DataType.string, ["\n"], (-1,)),
        ParamSpec("config", Object([Property("mode", DataType.string),
                                    Property("top_k", DataType.long, required=False)]), {"mode": "fast"}),
    ])
    example = (
        pd.DataFrame({
            "prompt": ["hi", "there"],
            "context": [{"k": [1, "x"]}, None],
            "address": [{"city": "Oslo", "zip": 150, "tags": ["a"]}, {"city": "Rome"}],
            "history": [[1, "two", None], []],
            "weights": [{"w": [0.25, 0.75]}, {}],
        }),
        {"temperature": 0.2, "config": {"mode": "slow", "top_k": 3}},
    )
    path = save("mlflow3-any-optional", signature=ModelSignature(inputs=inputs, outputs=outputs, params=params),
                input_example=example)
    from mlflow.models.utils import load_serving_example, validate_serving_input

    validate_serving_input(path, load_serving_example(path))


if __name__ == "__main__":
    int_columns()
    any_optional()
