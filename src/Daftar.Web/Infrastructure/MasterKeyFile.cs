using Daftar.Signing;

namespace Daftar.Web.Infrastructure;

/// <summary>
/// The installation's master key: it protects the CA keys and every employee's signing key, derives the video rooms'
/// keys and goes into backups. Given by Signing:MasterKey, else kept in a file only Daftar's user can read.
/// </summary>
public static class MasterKeyFile
{
    /// <summary>Where the master key file is (when Signing:MasterKey does not give the key itself).</summary>
    public static string PathOf(IConfiguration config) =>
        config["Signing:MasterKeyFile"] ?? Path.Combine(DatabaseSettings.DataPath(config), "keys", "master.key");

    /// <summary>Signing:MasterKey (base64, e.g. from a secret store), else a key file in the data folder made on first start.</summary>
    public static byte[] Read(IConfiguration config)
    {
        if (config["Signing:MasterKey"] is { Length: > 0 } configured) return Convert.FromBase64String(configured);
        var path = PathOf(config);
        if (File.Exists(path)) return Convert.FromBase64String(File.ReadAllText(path).Trim());
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = KeyProtector.NewMasterKey();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;   // readable by Daftar's user only
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(Convert.ToBase64String(key));
        return key;
    }
}
