"""The SBOM generator (docker/sbom-generator/sbom_generator.py) on a small root filesystem kept in tests/python/sbom_rootfs."""

import io
import json
import os
import sys
import tarfile
import tempfile
import unittest

GENERATOR = os.path.join(os.path.dirname(__file__), "..", "..", "docker", "sbom-generator")
ROOTFS = os.path.join(os.path.dirname(__file__), "sbom_rootfs")
sys.path.insert(0, GENERATOR)

import sbom_generator  # noqa: E402  (found through the path above: the generator is a script, not a package)


def document_of(root=ROOTFS, project="omninode-bridge"):
    filesystem = sbom_generator.RootFilesystem.from_folder(root)
    return sbom_generator.spdx_document(sbom_generator.inventory(filesystem), project, "2026-01-02T03:04:05Z")


def package(document, name):
    return next(element for element in document["packages"] if element["name"] == name)


class DpkgStatusTests(unittest.TestCase):
    def test_only_installed_packages_with_their_source_packages(self):
        with open(os.path.join(ROOTFS, "var/lib/dpkg/status"), encoding="utf-8") as file:
            packages = sbom_generator.debian_packages(file.read())
        self.assertEqual([p["name"] for p in packages], ["bash", "libc6", "python3-minimal", "zlib1g"])
        by_name = {p["name"]: p for p in packages}
        self.assertEqual(by_name["bash"]["source"], "bash")
        self.assertEqual(by_name["libc6"]["source"], "glibc")
        self.assertEqual(by_name["python3-minimal"]["source"], "python3-defaults")
        self.assertEqual(by_name["zlib1g"]["version"], "1:1.2.13.dfsg-1+deb12u1")

    def test_a_continuation_line_stays_in_its_field(self):
        paragraphs = sbom_generator.paragraphs("Package: a\nDescription: one\n two\n\nPackage: b\n")
        self.assertEqual(paragraphs, [{"Package": "a", "Description": "one\ntwo"}, {"Package": "b"}])


class DebianLicenceTests(unittest.TestCase):
    def test_a_dep5_file_gives_each_licence_of_its_files_once(self):
        with open(os.path.join(ROOTFS, "usr/share/doc/bash/copyright"), encoding="utf-8") as file:
            licences = sbom_generator.debian_licence(file.read())
        self.assertEqual(licences, ["GPL-3+", "GFDL-NIV-1.3+ with Texinfo exception", "GPL-1+ or Artistic"])

    def test_a_free_form_file_gives_no_licence(self):
        with open(os.path.join(ROOTFS, "usr/share/doc/libc6/copyright"), encoding="utf-8") as file:
            self.assertIsNone(sbom_generator.debian_licence(file.read()))

    def test_licences_become_an_spdx_expression_with_references_for_unknown_names(self):
        extracted = {}
        expression = sbom_generator.spdx_expression(["GPL-3+", "GFDL-NIV-1.3+ with Texinfo exception", "GPL-1+ or Artistic"], extracted)
        self.assertEqual(expression,
                         "GPL-3.0-or-later AND LicenseRef-GFDL-NIV-1.3-with-Texinfo-exception AND (GPL-1.0-or-later OR Artistic-1.0-Perl)")
        self.assertEqual(extracted, {"LicenseRef-GFDL-NIV-1.3-with-Texinfo-exception": "GFDL-NIV-1.3+ with Texinfo exception"})

    def test_no_licence_is_no_assertion(self):
        self.assertEqual(sbom_generator.spdx_expression(None, {}), "NOASSERTION")


class PythonMetadataTests(unittest.TestCase):
    def test_licence_from_expression_then_licence_then_classifiers(self):
        document = document_of()
        self.assertEqual(package(document, "httpx")["licenseDeclared"], "BSD-3-Clause")
        self.assertEqual(package(document, "anyio")["licenseDeclared"], "MIT")
        self.assertEqual(package(document, "sniffio")["licenseDeclared"], "MIT OR Apache-2.0")
        self.assertEqual(package(document, "packaging")["licenseDeclared"], "Apache-2.0 OR BSD-3-Clause")
        self.assertEqual(package(document, "Legacy_Thing")["licenseDeclared"], "NOASSERTION")

    def test_distributions_carry_a_pypi_purl_and_their_folder(self):
        sniffio = package(document_of(), "sniffio")
        self.assertEqual(sniffio["externalRefs"][0]["referenceLocator"], "pkg:pypi/sniffio@1.2.0")
        self.assertEqual(sniffio["sourceInfo"], "installed in /app/venv/lib/python3.11/site-packages")


class SpdxDocumentTests(unittest.TestCase):
    def test_the_project_describes_the_image_and_contains_every_other_package(self):
        document = document_of()
        self.assertEqual(document["spdxVersion"], "SPDX-2.3")
        self.assertEqual(document["documentDescribes"], ["SPDXRef-project-omninode-bridge-0.1.0"])
        contained = {r["relatedSpdxElement"] for r in document["relationships"] if r["relationshipType"] == "CONTAINS"}
        self.assertEqual(len(document["packages"]), 10)
        self.assertEqual(len(contained), 9)
        self.assertNotIn("SPDXRef-project-omninode-bridge-0.1.0", contained)

    def test_debian_packages_name_their_source_and_licence(self):
        bash = package(document_of(), "bash")
        self.assertEqual(bash["versionInfo"], "5.2.15-2+b13")
        self.assertEqual(bash["sourceInfo"], "built from the Debian source package bash")
        self.assertEqual(bash["externalRefs"][0]["referenceLocator"], "pkg:deb/debian/bash@5.2.15-2+b13?arch=amd64")
        self.assertEqual(package(document_of(), "libc6")["licenseDeclared"], "NOASSERTION")

    def test_every_licence_reference_is_declared_in_the_document(self):
        document = document_of()
        declared = {info["licenseId"] for info in document["hasExtractedLicensingInfos"]}
        used = {token for element in document["packages"] for token in element["licenseDeclared"].replace("(", " ").replace(")", " ").split()
                if token.startswith("LicenseRef-")}
        self.assertEqual(used, declared)

    def test_a_project_not_installed_still_gets_a_package(self):
        document = document_of(project="elsewhere")
        root = document["documentDescribes"][0]
        self.assertEqual(package(document, "elsewhere")["SPDXID"], root)
        self.assertEqual(len(document["packages"]), 11)

    def test_the_same_filesystem_gives_the_same_document(self):
        self.assertEqual(json.dumps(document_of(), sort_keys=True), json.dumps(document_of(), sort_keys=True))

    def test_created_is_the_source_date_epoch_when_set(self):
        self.assertEqual(sbom_generator.created_time({"SOURCE_DATE_EPOCH": "1700000000"}), "2023-11-14T22:13:20Z")


class ModesTests(unittest.TestCase):
    def test_a_tar_stream_gives_the_same_document_as_the_folder(self):
        archive = io.BytesIO()
        with tarfile.open(fileobj=archive, mode="w") as tar:
            tar.add(ROOTFS, arcname=".")
        archive.seek(0)
        from_tar = sbom_generator.RootFilesystem.from_tar(archive)
        document = sbom_generator.spdx_document(sbom_generator.inventory(from_tar), "omninode-bridge", "2026-01-02T03:04:05Z")
        self.assertEqual(document, document_of())

    def test_buildkit_mode_writes_an_in_toto_statement_into_the_destination(self):
        with tempfile.TemporaryDirectory() as destination:
            environment = {"BUILDKIT_SCAN_SOURCE": ROOTFS, "BUILDKIT_SCAN_DESTINATION": destination, "SBOM_PROJECT": "omninode-bridge",
                           "SOURCE_DATE_EPOCH": "1700000000"}
            self.assertEqual(sbom_generator.main([], environment, None, None), 0)
            self.assertEqual(os.listdir(destination), ["spdx.json"])
            with open(os.path.join(destination, "spdx.json"), encoding="utf-8") as file:
                statement = json.load(file)
        self.assertEqual(statement["_type"], "https://in-toto.io/Statement/v0.1")
        self.assertEqual(statement["predicateType"], "https://spdx.dev/Document")
        self.assertEqual(statement["predicate"]["creationInfo"]["created"], "2023-11-14T22:13:20Z")
        self.assertEqual(len(statement["predicate"]["packages"]), 10)

    def test_plain_mode_writes_the_bare_document(self):
        with tempfile.TemporaryDirectory() as folder:
            output = os.path.join(folder, "sbom", "x.spdx.json")
            self.assertEqual(sbom_generator.main(["--root", ROOTFS, "--project", "omninode-bridge", "--output", output], {}, None, None), 0)
            with open(output, encoding="utf-8") as file:
                self.assertEqual(json.load(file)["spdxVersion"], "SPDX-2.3")


if __name__ == "__main__":
    unittest.main()
