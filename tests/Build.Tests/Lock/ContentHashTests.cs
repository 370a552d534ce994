using NUnit.Framework;
using Build.Lock;
using Tomlyn.Model;

namespace Build.Tests.Lock;

public sealed class ContentHashTests
{
    private static readonly object[] Vectors =
    [
        new object[]
        {
            "{\"dependencies\": null, \"dev-dependencies\": null, \"extras\": null, \"source\": null}",
            "115cf985d932e9bf5f540555bbdd75decbb62cac81e399375fc19f6277f8c1d8",
        },
        new object[]
        {
            "{\"dependencies\": {\"python\": \"^3.11\"}, \"dev-dependencies\": null, \"extras\": null, \"source\": null}",
            "81b2fa642d7f2d1219cf80112ace12d689d053d81be7f7addb98144d56fc0fb2",
        },
        new object[]
        {
            "{\"project\": {\"dependencies\": [\"fastapi>=0.110\"], \"requires-python\": \">=3.12\"}, \"tool\": {\"poetry\": {}}}",
            "b0884bbbe3ada360cef6451113a2b596bc84eadafcec429d17231b1102c3222f",
        },
    ];

    [TestCaseSource(nameof(Vectors))]
    public void Sha256_of_the_note_vectors_matches(string json, string hash) =>
        Assert.That(ContentHash.Sha256Hex(json), Is.EqualTo(hash));

    [Test]
    public void Empty_pyproject_hashes_to_the_null_vector_under_1_1_and_1_2_rules()
    {
        var empty = new TomlTable();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(PythonJson.Dumps(ContentHash.RelevantContent(empty, HashFamily.Poetry12)), Is.EqualTo((string)((object[])Vectors[0])[0]));
            Assert.That(ContentHash.Compute(empty, HashFamily.Poetry11), Is.EqualTo("115cf985d932e9bf5f540555bbdd75decbb62cac81e399375fc19f6277f8c1d8"));
            Assert.That(ContentHash.Compute(empty, HashFamily.Poetry12), Is.EqualTo("115cf985d932e9bf5f540555bbdd75decbb62cac81e399375fc19f6277f8c1d8"));
            Assert.That(ContentHash.Compute(empty, HashFamily.Poetry20), Is.EqualTo("115cf985d932e9bf5f540555bbdd75decbb62cac81e399375fc19f6277f8c1d8"));
        }
    }

    [Test]
    public void Python_constraint_alone_hashes_as_Poetry_1_3_2_wrote_it()
    {
        var pyproject = TomlFile.Parse("[tool.poetry]\nname = \"x\"\nversion = \"1\"\n[tool.poetry.dependencies]\npython = \"^3.11\"\n", "pyproject.toml");
        Assert.That(ContentHash.Compute(pyproject, HashFamily.Poetry12), Is.EqualTo("81b2fa642d7f2d1219cf80112ace12d689d053d81be7f7addb98144d56fc0fb2"));
    }

    [Test]
    public void Project_table_selects_the_nested_form_from_Poetry_2_0()
    {
        var pyproject = TomlFile.Parse("[project]\nname = \"x\"\nrequires-python = \">=3.12\"\ndependencies = [\"fastapi>=0.110\"]\n", "pyproject.toml");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ContentHash.Compute(pyproject, HashFamily.Poetry20), Is.EqualTo("b0884bbbe3ada360cef6451113a2b596bc84eadafcec429d17231b1102c3222f"));
            Assert.That(ContentHash.Compute(pyproject, HashFamily.Poetry23), Is.EqualTo("b0884bbbe3ada360cef6451113a2b596bc84eadafcec429d17231b1102c3222f"));
            Assert.That(ContentHash.Compute(pyproject, HashFamily.Poetry12), Is.EqualTo("115cf985d932e9bf5f540555bbdd75decbb62cac81e399375fc19f6277f8c1d8"));
        }
    }

    private static readonly object[] Families =
    [
        new object[] { HashFamily.Poetry11, "{\"dependencies\": {\"a\": \"1\"}, \"dev-dependencies\": null, \"extras\": null, \"source\": null}" },
        new object[]
        {
            HashFamily.Poetry12Alpha,
            "{\"dependencies\": {\"a\": \"1\"}, \"extras\": null, \"group\": {\"dev\": {\"dependencies\": {\"b\": \"2\"}}}, \"source\": null}",
        },
        new object[]
        {
            HashFamily.Poetry12,
            "{\"dependencies\": {\"a\": \"1\"}, \"dev-dependencies\": null, \"extras\": null, " +
            "\"group\": {\"dev\": {\"dependencies\": {\"b\": \"2\"}}}, \"source\": null}",
        },
        new object[]
        {
            HashFamily.Poetry20,
            "{\"project\": {\"requires-python\": \">=3.9\"}, " +
            "\"tool\": {\"poetry\": {\"dependencies\": {\"a\": \"1\"}, \"group\": {\"dev\": {\"dependencies\": {\"b\": \"2\"}}}}}}",
        },
        new object[]
        {
            HashFamily.Poetry23,
            "{\"dependency-groups\": {\"lint\": [\"ruff\"]}, \"project\": {\"requires-python\": \">=3.9\"}, " +
            "\"tool\": {\"poetry\": {\"dependencies\": {\"a\": \"1\"}, \"group\": {\"dev\": {\"dependencies\": {\"b\": \"2\"}}}}}}",
        },
    ];

    [TestCaseSource(nameof(Families))]
    public void Each_family_hands_json_dumps_its_own_structure(HashFamily family, string expected)
    {
        const string Toml = """
            [project]
            name = "x"
            requires-python = ">=3.9"
            [dependency-groups]
            lint = ["ruff"]
            [tool.poetry]
            name = "x"
            description = "ignored"
            [tool.poetry.dependencies]
            a = "1"
            [tool.poetry.group.dev.dependencies]
            b = "2"
            """;
        Assert.That(PythonJson.Dumps(ContentHash.RelevantContent(TomlFile.Parse(Toml, "pyproject.toml"), family)), Is.EqualTo(expected));
    }

    [Test]
    public void Dependency_groups_alone_select_the_nested_form_only_from_Poetry_2_3()
    {
        var pyproject = TomlFile.Parse("[dependency-groups]\ndev = [\"pytest\"]\n[tool.poetry.dependencies]\npython = \"^3.12\"\n", "pyproject.toml");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(PythonJson.Dumps(ContentHash.RelevantContent(pyproject, HashFamily.Poetry23)),
                Is.EqualTo("{\"dependency-groups\": {\"dev\": [\"pytest\"]}, \"tool\": {\"poetry\": {\"dependencies\": {\"python\": \"^3.12\"}}}}"));
            Assert.That(PythonJson.Dumps(ContentHash.RelevantContent(pyproject, HashFamily.Poetry20)),
                Is.EqualTo("{\"dependencies\": {\"python\": \"^3.12\"}, \"dev-dependencies\": null, \"extras\": null, \"source\": null}"));
        }
    }
}
