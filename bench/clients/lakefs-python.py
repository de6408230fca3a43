"""Driver for the high-level lakeFS Python SDK (`lakefs`, REST API), with its
objects API: `repository(r).branch(b).object(p).upload(data)` and
`.reader().read()`, `branch.objects(prefix=...)`. A ThreadPoolExecutor gives
the concurrency, and the urllib3 pool is sized to it. The large object is
written through `object.writer()` (the SDK spools it to a temporary file and
sends one request) and read with ranged reads on `concurrency` threads.
Pre-signed URLs (`pre_sign`) are on when the task says `presign` (lakeFS on
MinIO: a presigned PUT of the spooled file, and ranged reads that lakeFS
redirects to the store), off otherwise (the local blockstore has none)."""
import os
import sys
from concurrent.futures import ThreadPoolExecutor

import lakefs
from lakefs_sdk.rest import RESTClientObject

from bench_common import check_sample, cpu, now, read_task, report, small_content, small_key

CHUNK = 1024 * 1024


def make_client(task, pool_size):
    client = lakefs.Client(host=task["endpoint"], username=task["accessKeyId"], password=task["secretAccessKey"])
    # The SDK sizes its urllib3 pool at construction (cpu_count × 5); give it one socket per thread.
    api = client.sdk_client.objects_api.api_client
    api.rest_client = RESTClientObject(client.config, maxsize=pool_size)
    return client


def main():
    task = read_task()
    op = task["op"]
    pre_sign = bool(task.get("presign"))
    client = make_client(task, task.get("concurrency", 1))
    branch = lakefs.repository(task["repository"], client=client).branch(task["branch"])
    if op == "small":
        n, size, prefix, workers = task["count"], task["size"], task["prefix"], task["concurrency"]
        bodies = [small_content(i, size) for i in range(n)]
        sample = set(task["sample"])
        got = {}

        def put(i):
            branch.object(small_key(prefix, i)).upload(bodies[i], mode="wb", pre_sign=pre_sign)

        def get(i):
            data = branch.object(small_key(prefix, i)).reader(mode="rb", pre_sign=pre_sign).read()
            if i in sample:
                got[i] = data

        with ThreadPoolExecutor(max_workers=workers) as ex:
            c, t = cpu(), now()
            list(ex.map(put, range(n)))
            put_s, put_c = now() - t, cpu() - c
            c, t = cpu(), now()
            list(ex.map(get, range(n)))
            get_s, get_c = now() - t, cpu() - c
        report({"op": op, "putSeconds": put_s, "getSeconds": get_s, "putCpuSeconds": put_c, "getCpuSeconds": get_c, **check_sample(task, got)})
    elif op == "large-put":
        c, t = cpu(), now()
        with open(task["file"], "rb") as src, branch.object(task["key"]).writer(mode="wb", pre_sign=pre_sign) as w:
            while True:
                chunk = src.read(CHUNK)
                if not chunk:
                    break
                w.write(chunk)
        report({"op": op, "seconds": now() - t, "workCpuSeconds": cpu() - c})
    elif op == "large-get":
        part, threads = task["partSize"], task["concurrency"]
        obj = branch.object(task["key"])
        c, t = cpu(), now()
        size = obj.stat().size_bytes
        fd = os.open(task["dest"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:

            def fetch(index):
                reader = obj.reader(mode="rb", pre_sign=pre_sign)
                reader.seek(index * part)
                data = reader.read(min(part, size - index * part))
                os.pwrite(fd, data, index * part)
                return len(data)

            with ThreadPoolExecutor(max_workers=threads) as ex:
                written = sum(ex.map(fetch, range((size + part - 1) // part)))
        finally:
            os.close(fd)
        report({"op": op, "seconds": now() - t, "workCpuSeconds": cpu() - c, "count": written})
    elif op == "list":
        c, t = cpu(), now()
        count = sum(1 for e in branch.objects(prefix=task["prefix"], amount=task["pageSize"]) if isinstance(e, lakefs.ObjectInfo))
        report({"op": op, "seconds": now() - t, "workCpuSeconds": cpu() - c, "count": count})
    elif op == "cold":
        branch.object(task["key"]).reader(mode="rb", pre_sign=pre_sign).read()
        sys.stdout.write("first-get\n")
        sys.stdout.flush()
    else:
        sys.exit(f"unknown op {op}")


if __name__ == "__main__":
    main()
