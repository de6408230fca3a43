// Command s3-store runs gofakes3, a small S3 protocol implementation, at the version
// pinned in go.mod: an S3-compatible blockstore for lakeFS in the test leg that runs
// lakeFS with `blockstore.type: s3`. Objects are kept in memory (or in a bolt file).
//
//	s3-store -host 127.0.0.1 -port 9000 -bucket lakefs-s3-test [-db file.bolt]
package main

import (
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3bolt"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

func main() {
	host := flag.String("host", "127.0.0.1", "host to listen on")
	port := flag.String("port", "9000", "port to listen on")
	buckets := flag.String("bucket", "", "comma-separated buckets to create at start")
	db := flag.String("db", "", "bolt database file (default: in memory)")
	flag.Parse()

	var backend gofakes3.Backend
	if *db != "" {
		b, err := s3bolt.NewFile(*db)
		if err != nil {
			fmt.Fprintf(os.Stderr, "s3-store: %v\n", err)
			os.Exit(1)
		}
		backend = b
	} else {
		backend = s3mem.New()
	}
	for _, name := range strings.Split(*buckets, ",") {
		if name == "" {
			continue
		}
		if err := backend.CreateBucket(name); err != nil && !gofakes3.IsAlreadyExists(err) {
			fmt.Fprintf(os.Stderr, "s3-store: create bucket %s: %v\n", name, err)
			os.Exit(1)
		}
	}
	faker := gofakes3.New(backend, gofakes3.WithAutoBucket(true))
	addr := net.JoinHostPort(*host, *port)
	fmt.Printf("s3-store listening on %s\n", addr)
	if err := http.ListenAndServe(addr, faker.Server()); err != nil {
		fmt.Fprintf(os.Stderr, "s3-store: %v\n", err)
		os.Exit(1)
	}
}
