using Build.SupplyChain;

namespace Build.Tests.SupplyChain;

public sealed class CosignKeyFileTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("bridge-keyfile-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private string File(string name, string firstLine)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, firstLine + "\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END-----\n");
        return path;
    }

    [Test]
    public void A_private_key_signs_and_does_not_verify()
    {
        var key = File("cosign.key", "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(CosignKeyFile.PrivateKeyProblem(key), Is.Null);
            Assert.That(CosignKeyFile.PublicKeyProblem(key), Does.StartWith("is a private key"));
        }
    }

    [Test]
    public void A_public_key_verifies_and_does_not_sign()
    {
        var key = File("cosign.pub", "-----BEGIN PUBLIC KEY-----");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(CosignKeyFile.PublicKeyProblem(key), Is.Null);
            Assert.That(CosignKeyFile.PrivateKeyProblem(key), Does.StartWith("is a public key"));
        }
    }

    [Test]
    public void Another_file_is_refused_without_printing_its_content()
    {
        var file = File("notes.txt", "hunter2-a-secret-first-line");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(CosignKeyFile.PrivateKeyProblem(file), Does.StartWith("is no cosign private key").And.Not.Contain("hunter2"));
            Assert.That(CosignKeyFile.PublicKeyProblem(file), Does.StartWith("is no public key").And.Not.Contain("hunter2"));
        }
    }

    [Test]
    public void A_missing_file_and_a_folder_are_named_as_such()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(CosignKeyFile.PrivateKeyProblem(Path.Combine(_folder, "nothing.key")), Is.EqualTo("does not exist"));
            Assert.That(CosignKeyFile.PublicKeyProblem(_folder), Is.EqualTo("is a folder, not a key file"));
        }
    }
}
