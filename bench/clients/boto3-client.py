"""Driver for boto3 against the lakeFS S3 gateway: path-style addressing,
max_pool_connections = concurrency, checksums only when required, a
ThreadPoolExecutor for concurrent small objects, and the TransferManager
(upload_file / download_file) with the same concurrency and part size for the
large object."""
import os
import sys
from concurrent.futures import ThreadPoolExecutor

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config

from bench_common import check_sample, cpu, now, read_task, report, small_content, small_key


def client(task, concurrency):
    return boto3.client(
        "s3",
        endpoint_url=task["endpoint"],
        aws_access_key_id=task["accessKeyId"],
        aws_secret_access_key=task["secretAccessKey"],
        region_name="us-east-1",
        config=Config(
            max_pool_connections=concurrency,
            s3={"addressing_style": "path"},
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
            retries={"max_attempts": 3, "mode": "standard"},
        ),
    )


def main():
    task = read_task()
    op = task["op"]
    bucket = task["repository"]
    key = lambda path: f"{task['branch']}/{path}"  # noqa: E731
    s3 = client(task, task.get("concurrency", 1))
    if op == "small":
        n, size, prefix, workers = task["count"], task["size"], task["prefix"], task["concurrency"]
        bodies = [small_content(i, size) for i in range(n)]
        sample = set(task["sample"])
        got = {}

        def put(i):
            s3.put_object(Bucket=bucket, Key=key(small_key(prefix, i)), Body=bodies[i])

        def get(i):
            data = s3.get_object(Bucket=bucket, Key=key(small_key(prefix, i)))["Body"].read()
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
    elif op in ("large-put", "large-get"):
        cfg = TransferConfig(
            multipart_threshold=task["partSize"],
            multipart_chunksize=task["partSize"],
            max_concurrency=task["concurrency"],
            use_threads=True,
        )
        c, t = cpu(), now()
        if op == "large-put":
            s3.upload_file(task["file"], bucket, key(task["key"]), Config=cfg)
            report({"op": op, "seconds": now() - t, "workCpuSeconds": cpu() - c})
        else:
            s3.download_file(bucket, key(task["key"]), task["dest"], Config=cfg)
            report({"op": op, "seconds": now() - t, "workCpuSeconds": cpu() - c, "count": os.path.getsize(task["dest"])})
    elif op == "list":
        c, t = cpu(), now()
        count = 0
        pages = s3.get_paginator("list_objects_v2").paginate(
            Bucket=bucket, Prefix=key(task["prefix"]), PaginationConfig={"PageSize": task["pageSize"]}
        )
        for page in pages:
            count += len(page.get("Contents", []))
        report({"op": op, "seconds": now() - t, "workCpuSeconds": cpu() - c, "count": count})
    elif op == "cold":
        s3.get_object(Bucket=bucket, Key=key(task["key"]))["Body"].read()
        sys.stdout.write("first-get\n")
        sys.stdout.flush()
    else:
        sys.exit(f"unknown op {op}")


if __name__ == "__main__":
    main()
