"""An SPDX 2.3 bill of materials of what is really inside an image's root filesystem, made offline.

It lists the Debian packages the dpkg database says are installed (name, version, source package, the licence
when /usr/share/doc/<package>/copyright is machine-readable), the Python distributions of every site-packages
folder (name, version, licence from their METADATA) and the project itself (the distribution named by --project or
SBOM_PROJECT), which the document describes.

Two ways to run it, one output:
- BuildKit's SBOM generator protocol (``docker buildx build --attest type=sbom,generator=IMAGE``): BuildKit runs this
  image with the built image's filesystem at $BUILDKIT_SCAN_SOURCE and collects the in-toto statements written into
  $BUILDKIT_SCAN_DESTINATION.
- Plain, for engines without attestations: ``--root DIR`` (a mounted filesystem) or ``--tar FILE`` (``-`` for
  stdin: what ``docker export`` writes), the bare SPDX document on stdout or into ``--output``.

Only the standard library: it runs in the runtime base image and on the build machine's python3.
"""

import argparse
import email.parser
import hashlib
import json
import os
import re
import sys
import tarfile
from datetime import datetime, timezone

DPKG_STATUS = "var/lib/dpkg/status"
DEP5_FORMAT = "copyright-format"
NO_ASSERTION = "NOASSERTION"
PREDICATE_TYPE = "https://spdx.dev/Document"
STATEMENT_TYPE = "https://in-toto.io/Statement/v0.1"
TOOL = "Tool: omninode-bridge-sbom-generator-1"

# Debian's DEP-5 short names and Python's free-form licence fields, as SPDX licence ids. Anything else becomes a
# LicenseRef- of its own with the declared text, which is what SPDX asks for a licence it has no id for.
SPDX_IDS = {
    "apache-2": "Apache-2.0", "apache-2.0": "Apache-2.0", "apache 2.0": "Apache-2.0", "apache license 2.0": "Apache-2.0",
    "apache software license": "Apache-2.0", "artistic": "Artistic-1.0-Perl", "bsd": "BSD-3-Clause",
    "bsd-2-clause": "BSD-2-Clause", "bsd-3-clause": "BSD-3-Clause", "bsd-4-clause": "BSD-4-Clause", "bsd license": "BSD-3-Clause",
    "cc0-1.0": "CC0-1.0", "expat": "MIT", "mit": "MIT", "mit license": "MIT", "isc": "ISC", "isc license (iscl)": "ISC",
    "gpl-1+": "GPL-1.0-or-later", "gpl-2": "GPL-2.0-only", "gpl-2+": "GPL-2.0-or-later", "gpl-3": "GPL-3.0-only",
    "gpl-3+": "GPL-3.0-or-later", "gplv3+": "GPL-3.0-or-later", "lgpl-2": "LGPL-2.0-only", "lgpl-2+": "LGPL-2.0-or-later",
    "lgpl-2.1": "LGPL-2.1-only", "lgpl-2.1+": "LGPL-2.1-or-later", "lgplv2.1+": "LGPL-2.1-or-later", "lgpl-3": "LGPL-3.0-only",
    "lgpl-3+": "LGPL-3.0-or-later", "mpl-2.0": "MPL-2.0", "mozilla public license 2.0 (mpl 2.0)": "MPL-2.0",
    "psf-2.0": "PSF-2.0", "python software foundation license": "PSF-2.0", "zlib": "Zlib", "x11": "X11", "fsfullr": "FSFULLR",
}
OPERATORS = re.compile(r"\s+(?:-?(or|and)-?)\s+", re.IGNORECASE)
LICENCE_TOKEN = re.compile(r"^[A-Za-z0-9.+-]+$")


def paragraphs(text):
    """The RFC 822-style paragraphs of a dpkg status or DEP-5 file, as dicts of field → value (continuations kept)."""
    result, fields, name = [], {}, None
    for line in text.splitlines():
        if not line.strip():
            if fields:
                result.append(fields)
            fields, name = {}, None
        elif line[0] in " \t":
            if name is not None:
                fields[name] += "\n" + line.strip()
        elif ":" in line:
            name, value = line.split(":", 1)
            fields[name] = value.strip()
    if fields:
        result.append(fields)
    return result


def debian_packages(status_text):
    """The installed packages of a dpkg status file: name, version, source package (its own name when it has none)."""
    packages = []
    for fields in paragraphs(status_text):
        if "Package" not in fields or not fields.get("Status", "").endswith(" installed"):
            continue
        source = fields.get("Source", fields["Package"]).split(" ")[0]
        packages.append({"name": fields["Package"], "version": fields.get("Version", ""), "source": source,
                         "architecture": fields.get("Architecture", "")})
    return sorted(packages, key=lambda package: package["name"])


def debian_licence(copyright_text):
    """The licences of a machine-readable (DEP-5) copyright file, each once, in file order; None when it is not DEP-5."""
    found = paragraphs(copyright_text)
    if not found or DEP5_FORMAT not in found[0].get("Format", ""):
        return None
    licences = []
    for fields in found:
        if "License" not in fields or ("Files" not in fields and fields is not found[0]):
            continue
        name = fields["License"].split("\n")[0].strip()
        if name and name not in licences:
            licences.append(name)
    return licences or None


def python_distribution(metadata_text):
    """Name, version and declared licence of a dist-info METADATA (License-Expression, then License, then classifiers)."""
    headers = email.parser.HeaderParser().parsestr(metadata_text)
    licence = headers.get("License-Expression") or ""
    if not licence:
        declared = (headers.get("License") or "").strip()
        licence = declared if declared and declared.upper() != "UNKNOWN" and "\n" not in declared and len(declared) < 80 else ""
    if not licence:
        classifiers = [value.split("::")[-1].strip() for value in headers.get_all("Classifier") or [] if value.startswith("License ::")]
        licence = " or ".join(name for name in classifiers if name != "OSI Approved")
    return {"name": headers.get("Name", ""), "version": headers.get("Version", ""), "licence": licence or None}


def spdx_expression(declared, extracted):
    """
    An SPDX licence expression for declared licences (one string, or a list that all apply: "A AND B"); a name SPDX
    has no id for becomes a LicenseRef- recorded in extracted, and so does a clause it cannot parse ("GPL-2 with X").
    """
    if not declared:
        return NO_ASSERTION
    clauses = []
    for licence in [declared] if isinstance(declared, str) else declared:
        parts = OPERATORS.split(licence.strip())
        names, operators = parts[0::2], [operator.upper() for operator in parts[1::2]]
        if all(LICENCE_TOKEN.match(name) or name.lower() in SPDX_IDS for name in names):
            clause = _spdx_id(names[0], extracted)
            for operator, name in zip(operators, names[1:]):
                clause += f" {operator} {_spdx_id(name, extracted)}"
        else:
            clause = _spdx_id(licence.strip(), extracted)
        if clause not in clauses:
            clauses.append(clause)
    if len(clauses) == 1:
        return clauses[0]
    return " AND ".join(f"({clause})" if " " in clause else clause for clause in clauses)


def _spdx_id(name, extracted):
    known = SPDX_IDS.get(name.lower())
    if known:
        return known
    reference = "LicenseRef-" + (re.sub(r"[^A-Za-z0-9.-]+", "-", name).strip("-") or "unnamed")
    extracted.setdefault(reference, name)
    return reference


class RootFilesystem:
    """The few files the generator reads, from a folder or from a tar stream read once."""

    def __init__(self, files):
        self.files = files

    @staticmethod
    def wanted(path):
        return (path == DPKG_STATUS or (path.startswith("usr/share/doc/") and path.endswith("/copyright") and path.count("/") == 4)
                or (path.endswith(".dist-info/METADATA") and "/site-packages/" in path))

    @classmethod
    def from_folder(cls, root):
        files = {}
        for folder, subfolders, names in os.walk(root):
            subfolders[:] = [name for name in subfolders if name not in ("proc", "sys", "dev")]
            for name in names:
                full = os.path.join(folder, name)
                path = os.path.relpath(full, root).replace(os.sep, "/")
                if cls.wanted(path) and os.path.isfile(full):
                    with open(full, encoding="utf-8", errors="replace") as file:
                        files[path] = file.read()
        return cls(files)

    @classmethod
    def from_tar(cls, stream):
        files = {}
        with tarfile.open(fileobj=stream, mode="r|*") as archive:
            for member in archive:
                path = member.name.lstrip("./")
                if member.isfile() and cls.wanted(path):
                    files[path] = archive.extractfile(member).read().decode("utf-8", errors="replace")
        return cls(files)


def inventory(filesystem):
    """Every package of the filesystem: Debian's with their licences, then the Python distributions (by path)."""
    packages = []
    for package in debian_packages(filesystem.files.get(DPKG_STATUS, "")):
        copyright_text = filesystem.files.get(f"usr/share/doc/{package['name']}/copyright", "")
        packages.append(dict(package, kind="deb", licence=debian_licence(copyright_text)))
    for path in sorted(path for path in filesystem.files if path.endswith(".dist-info/METADATA")):
        distribution = python_distribution(filesystem.files[path])
        if distribution["name"]:
            packages.append(dict(distribution, kind="python", location="/" + path.rsplit("/", 2)[0]))
    return packages


def _normalised(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def spdx_document(packages, project, created):
    """The SPDX 2.3 document: the project's package describes the image and contains every other package."""
    extracted = {}
    project_key = _normalised(project) if project else None
    root = next((package for package in packages if package["kind"] == "python" and _normalised(package["name"]) == project_key), None)
    root_name = root["name"] if root else (project or "image")
    elements, seen = [], set()
    for package in packages:
        kind = "project" if package is root else package["kind"]
        identifier = _identifier(kind, package["name"], package["version"], seen)
        licence = spdx_expression(package.get("licence"), extracted)
        element = {
            "name": package["name"], "SPDXID": identifier, "versionInfo": package["version"], "downloadLocation": NO_ASSERTION,
            "filesAnalyzed": False, "licenseConcluded": NO_ASSERTION, "licenseDeclared": licence,
            "copyrightText": NO_ASSERTION, "primaryPackagePurpose": "APPLICATION" if kind == "project" else "LIBRARY",
            "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": _purl(package)}],
        }
        if package["kind"] == "deb":
            element["sourceInfo"] = f"built from the Debian source package {package['source']}"
            element["supplier"] = "Organization: Debian"
        else:
            element["sourceInfo"] = f"installed in {package['location']}"
        elements.append((kind, element))
    if root is None:
        identifier = _identifier("project", root_name, "", seen)
        elements.append(("project", {"name": root_name, "SPDXID": identifier, "downloadLocation": NO_ASSERTION, "filesAnalyzed": False,
                                     "licenseConcluded": NO_ASSERTION, "licenseDeclared": NO_ASSERTION, "copyrightText": NO_ASSERTION,
                                     "primaryPackagePurpose": "APPLICATION"}))
    root_id = next(element["SPDXID"] for kind, element in elements if kind == "project")
    relationships = [{"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES", "relatedSpdxElement": root_id}]
    relationships += [{"spdxElementId": root_id, "relationshipType": "CONTAINS", "relatedSpdxElement": element["SPDXID"]}
                      for kind, element in elements if kind != "project"]
    content = json.dumps([element for _, element in elements], sort_keys=True).encode()
    document = {
        "spdxVersion": "SPDX-2.3",
        "dataLicense": "CC0-1.0",
        "SPDXID": "SPDXRef-DOCUMENT",
        "name": f"{root_name} image",
        # The same contents give the same namespace: two builds of one commit give the same document.
        "documentNamespace": f"https://omninode.invalid/spdx/{_normalised(root_name)}-{hashlib.sha256(content).hexdigest()[:32]}",
        "creationInfo": {"created": created, "creators": [TOOL]},
        "documentDescribes": [root_id],
        "packages": [element for _, element in elements],
        "relationships": relationships,
    }
    if extracted:
        document["hasExtractedLicensingInfos"] = [
            {"licenseId": reference, "name": text, "extractedText": f"Declared as \"{text}\" by the package's own metadata."}
            for reference, text in sorted(extracted.items())]
    return document


def _identifier(kind, name, version, seen):
    base = re.sub(r"[^A-Za-z0-9.-]+", "-", f"SPDXRef-{kind}-{name}-{version}").rstrip("-")
    identifier, number = base, 2
    while identifier in seen:
        identifier, number = f"{base}-{number}", number + 1
    seen.add(identifier)
    return identifier


def _purl(package):
    if package["kind"] == "deb":
        architecture = f"?arch={package['architecture']}" if package.get("architecture") else ""
        return f"pkg:deb/debian/{package['name']}@{package['version']}{architecture}"
    return f"pkg:pypi/{_normalised(package['name'])}@{package['version']}"


def created_time(environment):
    """SOURCE_DATE_EPOCH when the build sets it (the commit's time: the same document for the same commit), else now."""
    epoch = environment.get("SOURCE_DATE_EPOCH", "")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch.isdigit() else datetime.now(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def in_toto_statement(document):
    """What BuildKit collects from a generator: it fills in the subject (the image) itself."""
    return {"_type": STATEMENT_TYPE, "predicateType": PREDICATE_TYPE, "predicate": document}


def main(arguments, environment, stdin, stdout):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--root", help="the root filesystem as a folder")
    source.add_argument("--tar", help="the root filesystem as a tar file (docker export); - for stdin")
    parser.add_argument("--project", default=environment.get("SBOM_PROJECT", ""), help="the project's distribution name")
    parser.add_argument("--output", help="the SPDX JSON file to write (default: stdout)")
    options = parser.parse_args(arguments)
    scan_source, scan_destination = environment.get("BUILDKIT_SCAN_SOURCE"), environment.get("BUILDKIT_SCAN_DESTINATION")
    if options.tar == "-":
        filesystem = RootFilesystem.from_tar(stdin.buffer)
    elif options.tar:
        with open(options.tar, "rb") as stream:
            filesystem = RootFilesystem.from_tar(stream)
    elif options.root or scan_source:
        filesystem = RootFilesystem.from_folder(options.root or scan_source)
    else:
        parser.error("no root filesystem: give --root or --tar, or run as BuildKit's generator (BUILDKIT_SCAN_SOURCE)")
    document = spdx_document(inventory(filesystem), options.project, created_time(environment))
    if scan_destination and not options.root and not options.tar:
        with open(os.path.join(scan_destination, "spdx.json"), "w", encoding="utf-8") as file:
            json.dump(in_toto_statement(document), file, indent=2, sort_keys=True)
    elif options.output:
        os.makedirs(os.path.dirname(os.path.abspath(options.output)), exist_ok=True)
        with open(options.output, "w", encoding="utf-8") as file:
            json.dump(document, file, indent=2, sort_keys=True)
            file.write("\n")
    else:
        json.dump(document, stdout, indent=2, sort_keys=True)
        stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], os.environ, sys.stdin, sys.stdout))
