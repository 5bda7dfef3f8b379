"""MLflow 2.17.2's own scoring server (its Flask app, as `mlflow models serve` runs it under gunicorn)
for the model in $SIGNET_BENCH_MODEL; tracing's opentelemetry is stubbed as the oracle does."""
import os
import sys

sys.path.insert(0, os.environ.get("ORACLE_STUBS", "/work/shared/mlflow-oracle/stubs"))
import autostub  # noqa: E402

autostub.install(["opentelemetry"])

from mlflow.pyfunc import load_model, scoring_server  # noqa: E402

app = scoring_server.init(load_model(os.environ["SIGNET_BENCH_MODEL"]))
