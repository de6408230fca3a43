// Command toxiproxy-server runs Toxiproxy's API server at the version pinned in go.mod,
// for the fault tests: proxies and toxics are created through its HTTP API.
//
//	toxiproxy-server -host 127.0.0.1 -port 8474
package main

import (
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/rs/zerolog"

	"github.com/Shopify/toxiproxy/v2"
)

func main() {
	host := flag.String("host", "127.0.0.1", "host for the API to listen on")
	port := flag.String("port", "8474", "port for the API to listen on")
	version := flag.Bool("version", false, "print the version")
	flag.Parse()
	if *version {
		fmt.Printf("toxiproxy-server version %s\n", toxiproxy.Version)
		return
	}

	logger := zerolog.New(os.Stdout).With().Timestamp().Logger()
	if level, err := zerolog.ParseLevel(os.Getenv("LOG_LEVEL")); err == nil && level != zerolog.NoLevel {
		logger = logger.Level(level)
	}
	server := toxiproxy.NewServer(toxiproxy.NewMetricsContainer(prometheus.NewRegistry()), logger)

	errs := make(chan error, 1)
	go func() { errs <- server.Listen(net.JoinHostPort(*host, *port)) }()

	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	select {
	case err := <-errs:
		fmt.Fprintf(os.Stderr, "toxiproxy-server: %v\n", err)
		os.Exit(1)
	case <-signals:
		if err := server.Shutdown(); err != nil {
			fmt.Fprintf(os.Stderr, "toxiproxy-server: shutdown: %v\n", err)
		}
	}
}
