using Daftar.Signing;
using Daftar.Web.Infrastructure;

namespace Daftar.Web.Features.Signing;

/// <summary>The CA's admin verbs (./run.sh pki …, ./run.sh verify-cms …).</summary>
public static class PkiCommands
{
    public static async Task<int> StatusAsync(IServiceProvider sp, TextWriter output)
    {
        var admin = sp.GetRequiredService<PkiQueries>();
        foreach (var a in await admin.AuthoritiesAsync(CancellationToken.None))
            output.WriteLine($"{a.Kind,-12} {a.Code,-8} {(a.IsCurrent ? "current" : "earlier"),-8} until {a.NotAfter:yyyy-MM-dd}  " +
                $"CRL next update {(a.CrlNextUpdate is { } n ? n.ToString("yyyy-MM-dd HH:mm") : "-")}  {a.Subject}");
        var credentials = await admin.CredentialsAsync(null, CancellationToken.None);
        output.WriteLine($"Signing certificates: {credentials.Count(c => c.Credential.Status == CredentialStatus.Active)} active, " +
            $"{credentials.Count(c => c.Credential.Status != CredentialStatus.Active)} revoked or replaced, {credentials.Count(c => c.Credential.Locked)} locked.");
        return 0;
    }

    public static async Task<int> RenewAsync(IServiceProvider sp, Dictionary<string, string?> options, TextWriter output, TextWriter errors)
    {
        if (options.GetValueOrDefault("arg0") is not { } department) return Infrastructure.CommandLine.Fail(errors, "Name the department: ./run.sh pki renew DEPT");
        var result = await sp.GetRequiredService<RenewDepartmentCa>().HandleAsync(department, CancellationToken.None);
        if (!result.Succeeded) return Infrastructure.CommandLine.Fail(errors, $"No department '{department}'.");
        output.WriteLine($"A new CA for {department.ToUpperInvariant()} is issuing from now on.");
        return 0;
    }

    public static async Task<int> RenewTimestampingAsync(IServiceProvider sp, TextWriter output)
    {
        var tsa = await sp.GetRequiredService<Pki>().RenewTimestampAuthorityAsync(CancellationToken.None);
        output.WriteLine($"A new timestamp authority ({tsa.Code}, {tsa.Subject}) stamps from now on; a running Daftar takes it up within {Pki.TrustCacheSeconds} s.");
        return 0;
    }

    public static async Task<int> RevokeAsync(IServiceProvider sp, Dictionary<string, string?> options, TextWriter output, TextWriter errors)
    {
        if (options.GetValueOrDefault("arg0") is not { } serial) return Infrastructure.CommandLine.Fail(errors, "Give the certificate's serial number: ./run.sh pki revoke SERIAL --reason TEXT");
        if (options.GetValueOrDefault("reason") is not { Length: > 0 } reason) return Infrastructure.CommandLine.Fail(errors, "Say why with --reason TEXT.");
        var result = await sp.GetRequiredService<RevokeCertificate>().BySerialAsync(serial, reason, CancellationToken.None);
        if (!result.Succeeded) return Infrastructure.CommandLine.Fail(errors, result.Errors[0].Kind == ErrorKind.NotFound ? $"No signing certificate with serial {serial}." : "It is already revoked or replaced.");
        output.WriteLine($"Revoked {serial.ToUpperInvariant()}; the CRL is published.");
        return 0;
    }

    public static async Task<int> CrlAsync(IServiceProvider sp, Dictionary<string, string?> options, TextWriter output, TextWriter errors)
    {
        if (options.GetValueOrDefault("arg0") is not { } code) return Infrastructure.CommandLine.Fail(errors, "Name the CA: ./run.sh pki crl CODE [--out FILE]");
        var crl = await sp.GetRequiredService<PkiQueries>().CrlAsync(code == Pki.RootCode ? code : code.ToUpperInvariant(), CancellationToken.None);
        if (crl is null) return Infrastructure.CommandLine.Fail(errors, $"No CA '{code}'. ./run.sh pki status lists them.");
        if (options.GetValueOrDefault("out") is { } file)
        {
            await File.WriteAllBytesAsync(file, crl);
            output.WriteLine($"Wrote {crl.Length} bytes to {file}.");
        }
        else
        {
            await using var stdout = Console.OpenStandardOutput();
            await stdout.WriteAsync(crl.AsMemory());
        }
        return 0;
    }

    public static async Task<int> PublishAsync(IServiceProvider sp, TextWriter output)
    {
        var count = await sp.GetRequiredService<PublishCrls>().HandleAsync(CancellationToken.None);
        output.WriteLine($"Published {count} CRLs.");
        return 0;
    }

    public static async Task<int> VerifyCmsAsync(IServiceProvider sp, Dictionary<string, string?> options, TextWriter output, TextWriter errors)
    {
        if (options.GetValueOrDefault("arg0") is not { } payload || options.GetValueOrDefault("arg1") is not { } signature)
            return Infrastructure.CommandLine.Fail(errors, "Usage: ./run.sh verify-cms PAYLOAD SIGNATURE");
        if (!File.Exists(payload)) return Infrastructure.CommandLine.Fail(errors, $"No file {payload}.");
        if (!File.Exists(signature)) return Infrastructure.CommandLine.Fail(errors, $"No file {signature}.");
        var trust = await sp.GetRequiredService<Pki>().TrustAsync(CancellationToken.None);
        var content = await File.ReadAllBytesAsync(payload);
        var cms = await File.ReadAllBytesAsync(signature);
        var check = SignatureVerifier.VerifyDetached(content, cms, trust);
        if (check.Signer is { } signer) output.WriteLine($"Signer:    {signer.Subject}");
        if (check.SignedAt is { } at) output.WriteLine($"Signed at: {at:u} (timestamp)");
        output.WriteLine($"Certificate at signing: {check.StatusAtSigning}; now: {check.StatusNow}");
        if (check.Valid)
        {
            output.WriteLine("VALID");
            return 0;
        }
        errors.WriteLine($"NOT VALID: {check.Problem}");
        return 1;
    }
}
