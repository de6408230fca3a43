// Command minio runs the MinIO object server at the version pinned in go.mod: an
// S3-compatible blockstore that checks SigV4 signatures on presigned URLs as S3 does,
// for the test leg that runs lakeFS on it with presigned data (LAKEFS_S3_TEST_BLOCKSTORE=minio).
//
//	minio server --address 127.0.0.1:9000 /tmp/dir
// TZ=UTC is set by the starter: MinIO requires UTC (its main imports internal/init for that, which
// another module cannot import).
package main

import (
	"os"

	minio "github.com/minio/minio/cmd"
)

func main() {
	minio.Main(os.Args)
}
