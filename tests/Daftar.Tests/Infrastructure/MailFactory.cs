using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;

namespace Daftar.Tests.Infrastructure;

/// <summary>Daftar with an SMTP server of its own: Debian's aiosmtpd, storing what it receives in a Maildir.</summary>
public class MailFactory : DaftarFactory
{
    private Process? _smtp;
    public string Maildir { get; } = NewMaildir();

    /// <summary>The delivered messages that match, once at least <paramref name="atLeast"/> have arrived (the mail queue sends in the background).</summary>
    public async Task<List<MimeKit.MimeMessage>> MailAsync(Func<MimeKit.MimeMessage, bool> match, int atLeast = 1)
    {
        for (var i = 0; i < 100; i++)
        {
            var found = Directory.GetFiles(Path.Combine(Maildir, "new")).Select(f => MimeKit.MimeMessage.Load(f)).Where(match).ToList();
            if (found.Count >= atLeast) return found;
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException("The expected e-mails did not arrive.");
    }

    private static string NewMaildir()
    {
        var dir = Directory.CreateTempSubdirectory("daftar-maildir-").FullName;
        foreach (var sub in new[] { "tmp", "new", "cur" }) Directory.CreateDirectory(Path.Combine(dir, sub));
        return dir;
    }
    public int SmtpPort { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            SmtpPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        StartSmtp();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, SmtpPort);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    public void StartSmtp() =>
        _smtp = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{SmtpPort}", "-c", "aiosmtpd.handlers.Mailbox", Maildir])
        { RedirectStandardError = true, RedirectStandardOutput = true }) ?? throw new InvalidOperationException("python3-aiosmtpd is needed (./test.sh installs it)");

    public void StopSmtp()
    {
        _smtp?.Kill(entireProcessTree: true);
        _smtp?.WaitForExit();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Mail:Host", "127.0.0.1");
        builder.UseSetting("Mail:Port", SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Mail:From", "Daftar DoIT&C <daftar@doitc.rajasthan.gov.in>");
        builder.UseSetting("Mail:Security", "None");
    }

    protected override Task CleanupAsync()
    {
        StopSmtp();
        return Task.CompletedTask;
    }
}
