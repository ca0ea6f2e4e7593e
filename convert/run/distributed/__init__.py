"""Running a batch on a Dask cluster (``--executor dask --scheduler ADDRESS``).

The workers need not share this machine's file system: this process reads
each input, sends its bytes to a worker, which parses and renders it in
memory; the output bytes come back and are written here, atomically, by the
same code as the local batch (:func:`convert.run.jobs.write_outputs`).  Results
are consumed as they complete with a bounded number of jobs in flight, so
memory does not grow with the batch.

Before the first job, every worker is asked for its convert version, model
version, plugins and formats; a worker that differs from this machine is
refused, because its outputs would differ.  Each job carries a fingerprint of
that description too, so a worker joining later with other plugins fails the
job instead of producing different bytes.

A job whose worker died, or that raised unexpectedly, is run again (the
scheduler's own rescheduling, and Dask ``retries``); the scheduler's count of
attempts is recorded as a ``worker-retry`` warning in that input's report.

This is the only module that imports Dask, and only when it runs.

The package: :mod:`.client` runs a batch from this machine, :mod:`.workers`
holds what runs on the workers and the check that they match this machine,
and :mod:`.attempts` counts retries for the report.
"""

from convert.run.distributed.client import run_on_dask

__all__ = ["run_on_dask"]
