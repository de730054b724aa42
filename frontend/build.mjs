// Bundles Havre's browser modules into havre/static/havre/, where Django
// serves them and the Python package ships them (users need no Node).
//
//   node build.mjs           build every entry below
//   node build.mjs --check   build into a temporary directory and fail, naming
//                            the files, if the committed bundles are stale
//   node build.mjs --test    bundle test/*.test.mjs into a temporary directory
//                            and run them with node's test runner

// One line per bundle: havre/static/havre/<name>.js, exposing `globalName`
// on window when set. A missing entry file fails the build.
const ENTRIES = [
  { name: "crypto-selftest", entry: "src/crypto.ts", globalName: "HavreCrypto" },
  { name: "signup", entry: "src/signup.ts" },
  { name: "simulator", entry: "src/simulator.ts" },
  { name: "console", entry: "src/console.ts" },
  // The visitor's web chat page: no Argon2, no console code.
  { name: "chat", entry: "src/chat.ts" },
  // The passphrase meter's dictionaries, loaded only where a new passphrase is typed.
  { name: "strength", entry: "src/strength.ts", globalName: "HavreStrength" },
];

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const outputDir = join(here, "..", "havre", "static", "havre");

async function bundle(entry, outdir) {
  const entryPath = join(here, entry.entry);
  if (!existsSync(entryPath)) {
    throw new Error(`entry ${entry.name}: ${entry.entry} does not exist`);
  }
  await esbuild.build({
    entryPoints: { [entry.name]: entryPath },
    outdir,
    bundle: true,
    format: "iife",
    globalName: entry.globalName,
    platform: "browser",
    target: "es2020",
    minify: true,
    sourcemap: false,
    logLevel: "warning",
  });
}

async function buildAll(outdir) {
  for (const entry of ENTRIES) await bundle(entry, outdir);
}

function withTempDir(prefix, work) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return Promise.resolve()
    .then(() => work(dir))
    .finally(() => rmSync(dir, { recursive: true, force: true }));
}

async function check() {
  return withTempDir("havre-bundle-", async (dir) => {
    await buildAll(dir);
    const stale = [];
    for (const { name } of ENTRIES) {
      const committed = join(outputDir, `${name}.js`);
      const fresh = readFileSync(join(dir, `${name}.js`));
      if (!existsSync(committed) || !fresh.equals(readFileSync(committed))) {
        stale.push(relative(process.cwd(), committed));
      }
    }
    if (stale.length) {
      console.error(`stale bundles, run "npm run build" in frontend/ and commit:\n  ${stale.join("\n  ")}`);
      return 1;
    }
    console.log("bundles are up to date");
    return 0;
  });
}

async function test() {
  const testDir = join(here, "test");
  const tests = readdirSync(testDir).filter((f) => f.endsWith(".test.mjs"));
  return withTempDir("havre-tests-", async (dir) => {
    await esbuild.build({
      entryPoints: tests.map((f) => join(testDir, f)),
      outdir: dir,
      outExtension: { ".js": ".mjs" },
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      packages: "bundle",
      logLevel: "warning",
    });
    const built = tests.map((f) => join(dir, f));
    const run = spawnSync(process.execPath, ["--test", ...built], { stdio: "inherit" });
    return run.status ?? 1;
  });
}

const mode = process.argv[2];
if (mode === "--check") {
  process.exitCode = await check();
} else if (mode === "--test") {
  process.exitCode = await test();
} else if (mode === undefined) {
  await buildAll(outputDir);
} else {
  console.error(`unknown option ${mode}; use --check or --test`);
  process.exitCode = 2;
}
