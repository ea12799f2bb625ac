using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Daftar.Web.Infrastructure;

/// <summary>E-mail through the office's SMTP server (section "Mail"): MailKit, the connection secured as configured.</summary>
public sealed class MailSender(IConfiguration config)
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(config["Mail:Host"]) && !string.IsNullOrWhiteSpace(config["Mail:From"]);

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        message.From.Add(MailboxAddress.Parse(config["Mail:From"]!));
        using var client = new SmtpClient { Timeout = 30_000 };
        var security = Enum.TryParse<SecureSocketOptions>(config["Mail:Security"], ignoreCase: true, out var s) ? s : SecureSocketOptions.Auto;
        await client.ConnectAsync(config["Mail:Host"]!, config.GetValue("Mail:Port", 25), security, ct);
        if (config["Mail:User"] is { Length: > 0 } user) await client.AuthenticateAsync(user, config["Mail:Password"] ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}
