using Daftar.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Daftar.Tests.Accounts;

/// <summary>Issue #30, item 7: an officer whose account is being guessed at hears of it by e-mail, not by a locked door.</summary>
public class SignInWarningTests(MailFactory app) : IClassFixture<MailFactory>
{
    [Fact]
    public async Task FiveWrongPasswords_EMailTheOfficer_WhoCanStillSignIn()
    {
        const string code = "RJ100057";
        await app.WithDbAsync(db => db.Employees.Where(e => e.Code == code).ExecuteUpdateAsync(u => u.SetProperty(e => e.Email, "sho.chaksu@example.org")));
        var attacker = app.Browser();
        for (var i = 0; i < 5; i++)
        {
            var answer = await (await DaftarFactory.PostFormAsync(attacker, "/Account/SignIn", new() { ["Login"] = code, ["Password"] = "Guess-" + i })).Content.ReadAsStringAsync();
            Assert.Contains("The employee code, e-mail or password is wrong.", answer);
            // The delays after the third and fourth guesses (1 s, 2 s) are waited out, as a patient attacker would.
            if (i >= 2) await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, i - 2) + 0.2));
        }

        MimeMessage? warning = null;
        for (var i = 0; i < 100 && warning is null; i++)
        {
            warning = Directory.GetFiles(Path.Combine(app.Maildir, "new")).Select(f => MimeMessage.Load(f))
                .FirstOrDefault(m => m.To.Mailboxes.Any(a => a.Address == "sho.chaksu@example.org"));
            if (warning is null) await Task.Delay(200);
        }
        Assert.NotNull(warning);
        Assert.Contains("5 wrong passwords", warning.TextBody);
        Assert.Contains("गलत पासवर्ड", warning.TextBody);

        // The account was never locked: once the last delay (4 s) has passed, the officer signs in (every test client shares
        // one address, so here the officer waits it out too; from their own address they would not have to).
        await Task.Delay(TimeSpan.FromSeconds(4.2));
        Assert.NotNull(await app.SignInAsync(code));
    }
}
