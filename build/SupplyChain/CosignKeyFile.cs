namespace Build.SupplyChain;

/// <summary>
/// What a cosign key file is, read from its PEM header: <c>cosign generate-key-pair</c> writes an encrypted private key
/// (ENCRYPTED SIGSTORE PRIVATE KEY; ENCRYPTED COSIGN PRIVATE KEY before cosign 2.0) and a PUBLIC KEY. Checked before
/// anything is pushed or deployed, so a swapped or mistyped key fails in a sentence, not in cosign's words halfway.
/// Nothing of a file's content is ever printed: a file given by mistake may hold a secret.
/// </summary>
public static class CosignKeyFile
{
    private static readonly string[] PrivateHeaders =
        ["-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----", "-----BEGIN ENCRYPTED COSIGN PRIVATE KEY-----"];

    private const string PublicHeader = "-----BEGIN PUBLIC KEY-----";

    /// <summary>Why <paramref name="path"/> is no cosign private key (null when it is one).</summary>
    public static string? PrivateKeyProblem(string path) => Header(path) switch
    {
        (null, var problem) => problem,
        (PublicHeader, _) => "is a public key (-----BEGIN PUBLIC KEY-----): signing needs the private half",
        (var header, _) when PrivateHeaders.Contains(header) => null,
        _ => $"is no cosign private key (its first line is not {PrivateHeaders[0]})",
    };

    /// <summary>Why <paramref name="path"/> is no public key (null when it is one).</summary>
    public static string? PublicKeyProblem(string path) => Header(path) switch
    {
        (null, var problem) => problem,
        (PublicHeader, _) => null,
        (var header, _) when PrivateHeaders.Contains(header) =>
            "is a private key: verifying needs the public half, and the private one belongs to the signer alone",
        _ => $"is no public key (its first line is not {PublicHeader})",
    };

    private static (string? Header, string? Problem) Header(string path)
    {
        if (Directory.Exists(path))
        {
            return (null, "is a folder, not a key file");
        }

        if (!File.Exists(path))
        {
            return (null, "does not exist");
        }

        try
        {
            using var reader = new StreamReader(path);
            return ((reader.ReadLine() ?? "").Trim(), null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot be read ({exception.Message})");
        }
    }
}
