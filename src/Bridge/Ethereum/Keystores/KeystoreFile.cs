namespace Rollout.Bridge.Ethereum.Keystores;

/// <summary>Reads and writes keystore files: whole or not at all, readable by the owner only.</summary>
public static class KeystoreFile
{
    /// <summary>Writes <paramref name="json"/> to a temporary file beside <paramref name="path"/>, then renames it; refuses to overwrite.</summary>
    public static void Write(string path, string json)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(json);
        if (File.Exists(path)) throw new IOException($"{path}: already exists; a keystore is never overwritten");
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(json);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: false);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Reads and decrypts the keystore at <paramref name="path"/>; errors name the file.</summary>
    public static DecryptedKey Open(string path, string passphrase)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new InvalidDataException($"{path}: keystore file not found");
        return Keystore.Decrypt(File.ReadAllText(path), passphrase, path);
    }
}
