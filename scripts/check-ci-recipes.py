#!/usr/bin/env python3
"""Checks the CI recipes the README offers for copying, and docker/compose.yaml.

Every ```yaml block of README.md and docker/compose.yaml must parse (PyYAML) and have the shape
its CI system reads: GitHub Actions workflows (`on`, `jobs`, steps with `uses` or `run`),
GitLab CI jobs (`script`, services with `name` and `alias`), a compose file whose test job waits
for `service_healthy` on a service with an exec-form health check. The ```groovy block must
have balanced braces and brackets. Every QTEST_EMULATOR_* variable a recipe names must be a
setting of the binary given as the first argument (its `serve --help`), so the recipes cannot
drift from the command line.

    scripts/check-ci-recipes.py [path/to/qtest-emulator]

Prints one line per block and exits 1 on the first problem found in any block (all are checked).
"""
import pathlib
import re
import subprocess
import sys

try:
    import yaml
except ImportError:  # pragma: no cover - .ci/run installs it
    sys.exit("check-ci-recipes: PyYAML is missing (python3 -m pip install pyyaml)")

ROOT = pathlib.Path(__file__).resolve().parent.parent
problems = []


def problem(where, text):
    problems.append(f"{where}: {text}")


def blocks(markdown, language):
    """(line number, text) of each fenced block in `language`."""
    pattern = re.compile(r"^```" + language + r"\n(.*?)^```", re.S | re.M)
    for match in pattern.finditer(markdown):
        yield markdown[: match.start()].count("\n") + 1, match.group(1)


def check_github(where, doc):
    # YAML 1.1 reads the key `on` as True.
    if "on" not in doc and True not in doc:
        problem(where, "a GitHub workflow needs `on`")
    for name, job in doc.get("jobs", {}).items():
        if "runs-on" not in job:
            problem(where, f"job {name} has no runs-on")
        for i, step in enumerate(job.get("steps", [])):
            if not isinstance(step, dict) or not ({"uses", "run"} & step.keys()):
                problem(where, f"job {name} step {i + 1} has neither uses nor run")
        for service_name, service in job.get("services", {}).items():
            if "image" not in service:
                problem(where, f"service {service_name} has no image")
            if service_name == "qtest-emulator":
                problem(where, "a service named qtest-emulator gets QTEST_EMULATOR_PORT=tcp://… from links")
            if "--health-cmd" in str(service.get("options", "")):
                problem(where, f"service {service_name}: --health-cmd runs through /bin/sh, which the image has not")


def check_gitlab(where, doc):
    jobs = {k: v for k, v in doc.items() if isinstance(v, dict) and "script" in v}
    if not jobs:
        problem(where, "no GitLab job (a mapping with `script`)")
    for name, job in jobs.items():
        if not isinstance(job["script"], list):
            problem(where, f"job {name}: script must be a list")
        for service in job.get("services", []):
            if not isinstance(service, dict) or not {"name", "alias"} <= service.keys():
                problem(where, f"job {name}: each service needs name and alias")
            elif service["alias"] == "qtest-emulator":
                problem(where, "alias qtest-emulator gets QTEST_EMULATOR_PORT=tcp://… from links")


def check_compose(where, doc):
    services = doc.get("services", {})
    healthy = [name for name, s in services.items() if "healthcheck" in s]
    for name in healthy:
        test = services[name]["healthcheck"].get("test")
        if not (isinstance(test, list) and test and test[0] == "CMD"):
            problem(where, f"service {name}: the health check must be exec form [\"CMD\", …] (no shell in the image)")
    waiting = [name for name, s in services.items()
               if any(isinstance(c, dict) and c.get("condition") == "service_healthy" for c in (s.get("depends_on") or {}).values())]
    if not healthy or not waiting:
        problem(where, "compose: a service with a healthcheck and a job depending on it with condition service_healthy")


def check_groovy(where, text):
    stripped = re.sub(r"'''.*?'''|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|//[^\n]*", "", text, flags=re.S)
    for opening, closing in ("{}", "[]", "()"):
        if stripped.count(opening) != stripped.count(closing):
            problem(where, f"unbalanced {opening}{closing}: {stripped.count(opening)} vs {stripped.count(closing)}")
    if "pipeline" in text and not re.search(r"^pipeline\s*\{", text, re.M):
        problem(where, "a declarative pipeline starts with `pipeline {`")


def settings(binary):
    """The QTEST_EMULATOR_* names `serve --help` documents."""
    help_text = subprocess.run([binary, "serve", "--help"], capture_output=True, text=True, check=True).stdout
    return set(re.findall(r"QTEST_EMULATOR_[A-Z_]+", help_text))


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else None
    known = settings(binary) if binary else None
    readme = (ROOT / "README.md").read_text()
    documents = [(f"README.md:{line}", text) for line, text in blocks(readme, "yaml")]
    documents.append(("docker/compose.yaml", (ROOT / "docker/compose.yaml").read_text()))
    kinds = []
    for where, text in documents:
        try:
            doc = yaml.safe_load(text)
        except yaml.YAMLError as error:
            problem(where, f"not YAML: {error}")
            continue
        if not isinstance(doc, dict):
            problem(where, "not a mapping")
            continue
        if "jobs" in doc:
            kind = "GitHub Actions"
            check_github(where, doc)
        elif "services" in doc and where.endswith("compose.yaml"):
            kind = "compose"
            check_compose(where, doc)
        else:
            kind = "GitLab CI"
            check_gitlab(where, doc)
        kinds.append(kind)
        print(f"check-ci-recipes: {where}: {kind}, parsed")
    for line, text in blocks(readme, "groovy"):
        check_groovy(f"README.md:{line}", text)
        if "pipeline" in text:
            kinds.append("Jenkins")
        print(f"check-ci-recipes: README.md:{line}: Groovy{' (Jenkins pipeline)' if 'pipeline' in text else ''}, braces balanced")
    for wanted in ("GitHub Actions", "GitLab CI", "Jenkins", "compose"):
        if wanted not in kinds:
            problem("README.md", f"no {wanted} recipe found")
    if known is not None:
        named = set(re.findall(r"QTEST_EMULATOR_[A-Z_]+[A-Z]", "\n".join(t for _, t in documents)))
        for name in sorted(named - known):
            problem("recipes", f"{name} is not a setting of `serve`")
    for line in problems:
        print(f"check-ci-recipes: PROBLEM {line}")
    print(f"check-ci-recipes: {len(kinds)} recipes, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
