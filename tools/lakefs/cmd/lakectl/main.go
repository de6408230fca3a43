// Command lakectl runs the lakeFS CLI at the version pinned in go.mod.
package main

import "github.com/treeverse/lakefs/cmd/lakectl/cmd"

func main() {
	cmd.Execute()
}
