using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Daftar.Signing;

/// <summary>
/// Encrypts private keys at rest with AES-256-GCM. CA and TSA keys are wrapped under a key derived (HKDF) from the
/// server's master key; an employee's signing key under a key that needs both the server's master key and the
/// employee's PIN (PBKDF2-SHA256, at least 600,000 iterations, then HMAC with a master-derived key), so neither a
/// stolen database nor a stolen master key alone opens it. A wrong PIN fails the GCM tag and is reported as such.
/// The PIN is never stored.
/// </summary>
public sealed class KeyProtector
{
    public const int MinimumPinIterations = 600_000;
    private const byte Version = 1;
    private const byte ServerKind = 0;
    private const byte PinKind = 1;
    private const int HeaderLength = 1 + 1 + 4 + 16 + 12;
    private readonly byte[] _master;

    public KeyProtector(byte[] masterKey, int pinIterations = MinimumPinIterations)
    {
        if (masterKey.Length < 32) throw new ArgumentException("The master key must be at least 256 bits.", nameof(masterKey));
        if (pinIterations < MinimumPinIterations) throw new ArgumentOutOfRangeException(nameof(pinIterations), $"At least {MinimumPinIterations} iterations.");
        _master = masterKey.ToArray();
        PinIterations = pinIterations;
    }

    public int PinIterations { get; }

    public static byte[] NewMasterKey() => RandomNumberGenerator.GetBytes(32);

    public byte[] Protect(ReadOnlySpan<byte> secret) => Seal(secret, ServerKind, 0, salt => Hkdf(salt, "daftar/server-key/v1"));

    public byte[] Unprotect(ReadOnlySpan<byte> blob) =>
        Open(blob, ServerKind, (salt, _) => Hkdf(salt, "daftar/server-key/v1"))
        ?? throw new CryptographicException("The protected key could not be opened: it was changed, or the server's master key is not the one it was protected with.");

    public byte[] ProtectWithPin(ReadOnlySpan<byte> secret, string pin) =>
        Seal(secret, PinKind, PinIterations, salt => PinKey(salt, pin, PinIterations));

    /// <summary>The secret, or null when the PIN is wrong (or the blob was tampered with; the two cannot be told apart).</summary>
    public byte[]? UnprotectWithPin(ReadOnlySpan<byte> blob, string pin) => Open(blob, PinKind, (salt, iterations) => PinKey(salt, pin, iterations));

    private byte[] Seal(ReadOnlySpan<byte> secret, byte kind, int iterations, Func<byte[], byte[]> kek)
    {
        var blob = new byte[HeaderLength + 16 + secret.Length];
        blob[0] = Version;
        blob[1] = kind;
        BinaryPrimitives.WriteInt32BigEndian(blob.AsSpan(2, 4), iterations);
        var salt = RandomNumberGenerator.GetBytes(16);
        salt.CopyTo(blob, 6);
        RandomNumberGenerator.Fill(blob.AsSpan(22, 12));
        var key = kek(salt);
        try
        {
            using var aes = new AesGcm(key, 16);
            aes.Encrypt(blob.AsSpan(22, 12), secret, blob.AsSpan(HeaderLength + 16), blob.AsSpan(HeaderLength, 16), blob.AsSpan(0, HeaderLength));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
        return blob;
    }

    private static byte[]? Open(ReadOnlySpan<byte> blob, byte kind, Func<byte[], int, byte[]> kek)
    {
        if (blob.Length < HeaderLength + 16 || blob[0] != Version || blob[1] != kind) return null;
        var iterations = BinaryPrimitives.ReadInt32BigEndian(blob.Slice(2, 4));
        if (kind == PinKind && iterations < MinimumPinIterations) return null;
        var key = kek(blob.Slice(6, 16).ToArray(), iterations);
        var plain = new byte[blob.Length - HeaderLength - 16];
        try
        {
            using var aes = new AesGcm(key, 16);
            aes.Decrypt(blob.Slice(22, 12), blob[(HeaderLength + 16)..], blob.Slice(HeaderLength, 16), plain, blob[..HeaderLength]);
            return plain;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private byte[] Hkdf(byte[] salt, string purpose) => HKDF.DeriveKey(HashAlgorithmName.SHA256, _master, 32, salt, Encoding.ASCII.GetBytes(purpose));

    private byte[] PinKey(byte[] salt, string pin, int iterations)
    {
        var stretched = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(pin.Normalize(NormalizationForm.FormC)), salt, iterations, HashAlgorithmName.SHA256, 32);
        var server = Hkdf(salt, "daftar/pin-key/v1");
        try
        {
            return HMACSHA256.HashData(server, stretched);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(stretched);
            CryptographicOperations.ZeroMemory(server);
        }
    }
}
