"""gunicorn settings for production: `gunicorn migconf.wsgi` reads this file.

Bound to 127.0.0.1: the archive runs behind a reverse proxy (TLS, slow
clients, buffering) on the same machine; set GUNICORN_BIND to listen elsewhere.

Workers. The archive's requests are short and mostly CPU: a page is a few
indexed queries plus template rendering in Python, downloads stream small
files. Python runs one thread at a time per process, so throughput comes from
processes: one per core, plus one so that a core is never idle while a worker
waits on the database (GUNICORN_WORKERS, default cores + 1). Each worker runs
a few threads (gthread, GUNICORN_THREADS, default 4): while one thread waits
for PostgreSQL or for a client to take a download, another renders, and
keep-alive connections from the proxy do not each hold a whole process, as
they would with the sync worker. More threads than that only queue behind the
interpreter lock and hold more database connections (workers x threads must
stay below PostgreSQL's max_connections); async workers (gevent) would need
every library to cooperate and buy nothing for CPU-bound pages. See
bench/load for the measurements behind these numbers.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Restart each worker now and then (with jitter, so not all at once) to cap any slow memory growth.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "500"))
# Load the application once in the master, before forking: faster starts, shared memory.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None  # empty: no access log
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn's runtime control socket has one default path per machine, which a
# second site or a test server on the same machine would fight over: off
# unless GUNICORN_CONTROL_SOCKET names a path for it.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True
