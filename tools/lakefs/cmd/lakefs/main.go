// Command lakefs runs the lakeFS server at the version pinned in go.mod.
package main

import "github.com/treeverse/lakefs/cmd/lakefs/cmd"

func main() {
	cmd.Execute()
}
