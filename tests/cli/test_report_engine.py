"""`dockharden report` with no arguments builds, inspects and runs the bundled templates on a real engine,
removes what it built unless --keep-images, and says on stderr (exit 2) what it could not do."""
import re
import subprocess
import sys

import pytest

from support import engine

pytestmark = pytest.mark.engine
DEV_NOT_JUDGED = "not judged (development only): dockharden-report/dev:{run}, templates/Dockerfile.dev"


def _report(cwd, *args):
    done = subprocess.run([sys.executable, "-m", "dockharden", "report", "--output", "report.md", *args],
                          capture_output=True, text=True, cwd=cwd, timeout=900)
    return done, (cwd / "report.md").read_text() if (cwd / "report.md").exists() else ""


def _run_id(text: str) -> str:
    (run,) = set(re.findall(r"dockharden-report/slim:([0-9a-f]{12})\b", text))
    return run


def _report_images(run: str) -> list[str]:
    listing = engine.docker("image", "ls", "--format", "{{.Repository}}:{{.Tag}}", "--filter", "reference=dockharden-report/*").stdout
    return [tag for tag in listing.split() if tag.endswith(f":{run}")]


@pytest.fixture(scope="module")
def full_report(docker_engine, tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    done, text = _report(folder, "--base-image", docker_engine, "--output", "report.html")
    run = _run_id(text)
    yield done, text, run, (folder / "report.html").read_text()
    for tag in _report_images(run):  # only if the report failed to remove them
        engine.remove_image(tag)


def _section(text, title):
    return text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_report_runs_every_check_it_can_and_removes_what_it_built(full_report):
    done, text, run, _ = full_report
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert _report_images(run) == []
    assert "- Removed the images it built when done (--keep-images keeps them)." in text
    checklist = _section(text, "Compliance Checklist")
    boxes = re.findall(r"^- \[([x ])\] ([^:]+):", checklist, re.M)
    # The local base image is not a slim/alpine image, and the images' OCI labels read `unknown` (the ARGs' defaults):
    # the report says so rather than ticking them.
    assert [name for box, name in boxes if box == " "] == ["Minimal base image (alpine/slim) - production only",
                                                           "Environment variables documented", "Version/build metadata (OCI labels from build args)"]
    unknown = "(created='unknown', revision='unknown')"
    assert (f"- [ ] Version/build metadata (OCI labels from build args): ❌ fail (lint (DH905): 1/1 pass; image labels: 0/3 set; "
            f"unset or unknown: dockharden-report/slim:{run} {unknown}; dockharden-report/gunicorn:{run} {unknown}; "
            f"dockharden-report/dev:{run} {unknown})") in checklist
    assert "- [x] Health endpoint in application: ✅ pass (verify: 3/3 containers reached healthy through their probe)" in checklist
    assert re.search(rf"- \[x\] Image size < 500MB: ✅ pass \(inspect: dockharden-report/slim:{run} \d+\.\d MB, "
                     rf"dockharden-report/gunicorn:{run} \d+\.\d MB, dockharden-report/dev:{run} \d+\.\d MB\)", checklist)


def test_minimal_base_is_judged_from_the_images_actual_base(full_report, docker_engine):
    _, text, run, _ = full_report
    checklist = _section(text, "Compliance Checklist")
    assert (
        "- [ ] Minimal base image (alpine/slim) - production only: ❌ fail (base images: python:3.12-alpine "
        f"(templates/Dockerfile.optimized-alpine), {docker_engine} (dockharden-report/slim:{run}, "
        f"dockharden-report/gunicorn:{run}); not minimal: {docker_engine}; {DEV_NOT_JUDGED.format(run=run)})"
    ) in checklist
    assert (f"- Built dockharden-report/slim:{run} from templates/Dockerfile.optimized-slim on {docker_engine}; "
            f"dockharden-report/gunicorn:{run} from templates/Dockerfile.production-gunicorn on {docker_engine}; "
            f"dockharden-report/dev:{run} from templates/Dockerfile.dev on {docker_engine}.") in text
    images = _section(text, "Image Verification")
    assert f"| Base image (org.opencontainers.image.base.name) | `{docker_engine}` |" in images
    assert f"### `dockharden-report/slim:{run}` (built from `templates/Dockerfile.optimized-slim` on `{docker_engine}`)" in images
    alpine = _section(text, "Detailed Pattern Verification").split("### `templates/Dockerfile.optimized-alpine`")[1].split("### ")[0]
    assert docker_engine not in alpine


def test_report_shows_the_commands_that_ran_and_their_output(full_report):
    _, text, run, _ = full_report
    runtime = _section(text, "Runtime Verification")
    assert runtime.count("$ docker run -d --name dockharden-verify-") == 3
    for template in ("slim", "gunicorn", "dev"):
        assert re.search(rf"\n\$ docker run -d --name dockharden-verify-[0-9a-f]{{12}} --network none --label io.dockharden.verify=true "
                         rf"--health-interval 2s dockharden-report/{template}:{run}\n", runtime)
    assert len(re.findall(r"\n\$ docker exec dockharden-verify-[0-9a-f]{12} (whoami|id|env|ls -la /app)\n", runtime)) == 12
    assert runtime.count(f"The specification's command: `docker run --rm dockharden-report/slim:{run} whoami`") == 1
    assert runtime.count("uid=1000(app) gid=1000(app) groups=1000(app)") == 3
    assert runtime.count("#### Graceful stop: ✅ exit 0 after") == 3
    status = _section(text, "Hardening Patterns Status")
    assert "| Non-Root User | ✅ pass | lint: 4/4 pass; inspect: 3/3 pass; verify: 3/3 pass |" in status
    assert f"| Multi-Stage | ✅ pass | lint: 3/3 pass; {DEV_NOT_JUDGED.format(run=run)} |" in status
    rows = [r for r in _section(text, "Template Verification Matrix").splitlines() if r.startswith(f"| `dockharden-report/gunicorn:{run}")]
    assert [r.split(" | ")[0] for r in rows] == [f"| `dockharden-report/gunicorn:{run}` *(inspect)*", f"| `dockharden-report/gunicorn:{run}` *(verify)*"]
    assert "4 Dockerfiles linted, 3 images inspected, 3 containers verified." in text


def test_keep_images_keeps_them(docker_engine, tmp_path):
    done, text = _report(tmp_path, "--base-image", docker_engine, "--keep-images")
    run = _run_id(text)
    try:
        assert (done.returncode, done.stderr) == (0, "")
        kept = sorted(f"dockharden-report/{template}:{run}" for template in ("slim", "gunicorn", "dev"))
        assert sorted(_report_images(run)) == kept
        assert f"- Kept the images it built (--keep-images): dockharden-report/slim:{run}, dockharden-report/gunicorn:{run}, dockharden-report/dev:{run}." in text
    finally:
        for tag in _report_images(run):
            engine.remove_image(tag)


def test_unpullable_default_base_image_is_a_problem_with_its_fix(docker_engine, tmp_path):
    done, text = _report(tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    (line,) = done.stderr.splitlines()
    match = re.fullmatch(r"dockharden: error: cannot build the bundled templates: base image python:3\.12-slim is not on this "
                         r"Docker Engine and could not be pulled \((.+)\); pass --base-image IMAGE, a Debian-based Python "
                         r"image the engine has, e\.g\. --base-image (\S+)", line)
    assert match, line
    assert "python" in match[2] and engine.image_exists(match[2])
    assert [part.split("\n", 1)[0] for part in text.split("\n## ")[1:4]] == ["Verdict", "Contents", "Problems"]
    assert "**Verdict: ➖ incomplete** (threshold: warning): Dockerfiles: 0 errors, 0 warnings; Images: none given; " in text
    assert "0 images inspected, 0 containers verified" in text
    assert re.search(r"- \[ \] Health endpoint in application: ➖ not checked \(no container was run: the bundled templates could "
                     r"not be built: base image python:3\.12-slim is not on this Docker Engine and could not be pulled \(", text)
    assert re.findall(r"dockharden-report/\w+:[0-9a-f]{12}", text) == []


def test_verify_of_a_missing_image_is_a_problem(docker_engine, tmp_path):
    done, text = _report(tmp_path, "--verify", "dockharden-test/no-such-image:never")
    assert (done.returncode, done.stdout) == (2, "")
    message = "image dockharden-test/no-such-image:never: not found on the Docker engine"
    assert done.stderr == f"dockharden-test/no-such-image:never: error: verify: {message}\n"
    assert ("- [ ] Health endpoint in application: ➖ not checked (no container was run: "
            f"dockharden-test/no-such-image:never: {message})") in text


@pytest.fixture
def base_without_python(docker_engine):
    from support.archives import directory, tar_bytes

    tag = engine.unique_name("dockharden-test/report-no-python") + ":1"
    subprocess.run([engine.DOCKER, "import", "-", tag], input=tar_bytes([directory("etc")]), capture_output=True, check=True, timeout=120)
    yield tag
    engine.remove_image(tag)


def test_builds_that_fail_on_a_base_the_engine_has_are_each_a_problem(base_without_python, tmp_path):
    done, text = _report(tmp_path, "--base-image", base_without_python)
    assert (done.returncode, done.stdout) == (2, "")
    run = _run_id(done.stderr)
    failed = r"executor failed running \[/bin/sh -c .+\]: exit code: 1"
    expected = [(template, dockerfile) for template, dockerfile in (("slim", "optimized-slim"),
                ("gunicorn", "production-gunicorn"), ("dev", "dev"))]
    lines = done.stderr.splitlines()
    assert len(lines) == 3
    for line, (template, dockerfile) in zip(lines, expected):
        assert re.fullmatch(rf"dockharden: error: cannot build dockharden-report/{template}:{run} from "
                            rf"templates/Dockerfile\.{dockerfile}: {failed}", line), line
    reason = re.search(r"^- \[ \] Health endpoint in application: ➖ not checked \(no container was run: "
                       r"the bundled templates could not be built: (.+)\)$", text, re.M)
    assert reason, text
    assert [part.split(": ", 1)[0] for part in reason[1].split("; templates/")] == [
        "templates/Dockerfile.optimized-slim", "Dockerfile.production-gunicorn", "Dockerfile.dev"]
    assert _report_images(run) == []


def test_provenance_names_the_engine_and_each_image_as_docker_reports_it(full_report):
    _, text, run, _ = full_report
    server = engine.docker("version", "--format", "{{.Server.Version}} {{.Server.APIVersion}} {{.Server.Os}}/{{.Server.Arch}}").stdout.split()
    provenance = _section(text, "Provenance")
    assert f"| Docker Engine | {server[0]}, API {server[1]}, {server[2]} |" in provenance
    rows = [line for line in provenance.splitlines() if line.startswith(f"| `dockharden-report/")]
    assert [row.split(" | ")[0] for row in rows] == [f"| `dockharden-report/{t}:{run}`" for t in ("slim", "gunicorn", "dev")]
    for row in rows:
        match = re.fullmatch(r"\| `(\S+)` \| ID `(sha256:[0-9a-f]{64})` \| linux/amd64 \| (20\d\d-[^ ]+Z) \| "
                             r"(\d+\.\d) MB \(([\d,]+) bytes\) \|", row)
        assert match, row
        assert int(match[5].replace(",", "")) > 200_000_000
        assert f"{int(match[5].replace(',', '')) / 1e6:.1f}" == match[4]
    images = _section(text, "Image Verification")
    sizes = re.findall(r"^\| Size \| [\d.]+ MB \(([\d,]+) bytes\) as Docker reports it; [\d.]+ MB \(([\d,]+) bytes\) of files in "
                       r"its layers: the [\d.]+ kB \(([\d,]+) bytes\) more is symbolic links", images, re.M)
    assert len(sizes) == 3
    for docker_size, files, more in sizes:
        assert int(docker_size.replace(",", "")) - int(files.replace(",", "")) == int(more.replace(",", ""))
    assert re.search(r"#### File ownership in the working directory: ✅ /app: 5 entries, owned by app; the directory itself by app\n",
                     _section(text, "Runtime Verification"))


def test_markdown_and_html_come_from_one_run_of_the_containers(full_report):
    _, text, run, page = full_report
    containers = re.findall(r"dockharden-verify-[0-9a-f]{12}", text)
    assert len(set(containers)) == 3
    assert set(re.findall(r"dockharden-verify-[0-9a-f]{12}", page)) == set(containers)
    assert f'<h3 id="dockharden-reportslim{run}-built-from-templatesdockerfileoptimized-slim-on-localpython-basebookworm">' in page
