"""Running conversions: the pipeline for one source (read once, render each
format, write atomically), jobs and batches (in-process, a worker pool, or a
Dask cluster in ``distributed``), and what a run leaves behind (the report,
the skip-unchanged manifest, progress lines)."""
