// Cold start of a bundled handler: `node bench/cold-start/invoke.mjs <bundle.mjs> '<event JSON>'`.
// Loads the bundle, calls its handler once and prints "first-get"; the parent
// times spawn → that line.
import { pathToFileURL } from "node:url";

const [bundle, event] = process.argv.slice(2);
const { handler } = await import(pathToFileURL(bundle).href);
await handler(JSON.parse(event));
process.stdout.write("first-get\n");
