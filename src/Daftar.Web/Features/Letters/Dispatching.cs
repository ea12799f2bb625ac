using System.Globalization;
using Daftar.Data;
using Daftar.Files;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.Receipts;
using Daftar.Web.Features.Signing;
using Daftar.Web.Infrastructure;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Daftar.Web.Features.Letters;

public sealed record DispatchCommand(DispatchMode? Mode, string? Recipient = null, string? Email = null, string? Address = null, PostalMode? PostalMode = null,
    decimal? Postage = null, string? ArticleNumber = null, string? CarriedBy = null, int? ToPostId = null, string? Remarks = null);

public sealed record DispatchRow(int Id, int LetterId, int FileId, string LetterNumber, string Subject, DispatchMode Mode, string Recipient, string? Email, string? Address,
    PostalMode? PostalMode, decimal? Postage, string? ArticleNumber, string? CarriedBy, int? ReceiptId, string? DiaryNumber, DateTimeOffset DispatchedAt, string DispatchedBy);

/// <summary>
/// The dispatch register: an issued letter sent by e-mail, by post, by hand, or electronically to a post of another
/// office on Daftar (where it arrives as an electronic receipt with the signed PDF, diarised in that post's section).
/// The holder of the file or anyone of its section (the dispatch clerk) dispatches; the register shows what the viewer
/// may see.
/// </summary>
public sealed class Dispatching(DaftarDb db, FileActions files, RunningNumbers numbers, BlobStore blobs, MailSender mail, SigningSettings signing,
    AuditActor audit, Daftar.Web.Features.Notifications.Notifier notifier)
{

    public async Task<Result<DispatchRow>> DispatchAsync(int letterId, DispatchCommand cmd, CancellationToken ct)
    {
        var letter = await db.IssuedLetters.SingleOrDefaultAsync(l => l.Id == letterId, ct);
        if (letter is null) return Error.NotFound("Letter");
        var loaded = await files.LoadAsync(letter.FileId, ct, FileParts.None);
        if (!loaded.Succeeded) return Error.NotFound("Letter");
        var c = loaded.Value!;
        if (!c.File.IsHeldBy(c.ActingPost.Id) && !await db.Posts.AnyAsync(p => c.Viewer.PostIds.Contains(p.Id) && p.SectionId == c.File.SectionId, ct))
            return LettersErrors.NotDispatcher;

        var v = new Validation();
        if (cmd.Mode is not { } mode || !Enum.IsDefined(mode)) return Error.NotInList("mode");
        var remarks = v.Optional(cmd.Remarks, "remarks", "Remarks", 1000);
        string? recipient = null, email = null, address = null, article = null, carriedBy = null;
        Daftar.People.Post? to = null;
        switch (mode)
        {
            case DispatchMode.Email:
                email = v.Required(cmd.Email, "email", "E-mail", 254);
                if (email is not null && (!MailboxAddress.TryParse(email, out _) || !email.Contains('@'))) v.Add(LettersErrors.InvalidEmail);
                recipient = v.Optional(cmd.Recipient, "recipient", "Recipient", 300) ?? email;
                break;
            case DispatchMode.Post:
                recipient = v.Required(cmd.Recipient, "recipient", "Recipient", 300);
                address = v.Required(cmd.Address?.Replace("\r\n", "\n"), "address", "Address", 1000);
                if (cmd.PostalMode is not { } pm || !Enum.IsDefined(pm)) v.Add(Error.NotInList("postalMode"));
                if (cmd.Postage is < 0 or > 100_000) v.Add(LettersErrors.InvalidPostage);
                article = v.Optional(cmd.ArticleNumber, "articleNumber", "Article number", 60);
                break;
            case DispatchMode.Hand:
                recipient = v.Required(cmd.Recipient, "recipient", "Recipient", 300);
                carriedBy = v.Optional(cmd.CarriedBy, "carriedBy", "Carried by", 200);
                break;
            case DispatchMode.Electronic:
                if (cmd.ToPostId is null) v.Add(Error.Required("toPostId", "Addressee post"));
                else
                {
                    to = await db.Posts.Include(p => p.Designation).Include(p => p.Section).Include(p => p.Office).ThenInclude(o => o.Department)
                        .SingleOrDefaultAsync(p => p.Id == cmd.ToPostId && p.IsActive, ct);
                    if (to is null) v.Add(Error.Unknown("toPostId", "Post"));
                    else if (to.Section is null) v.Add(LettersErrors.NoSection);
                    else recipient = $"{to.Designation.NameEn}, {to.Office.NameEn}";
                }
                break;
        }
        if (v.Failed) return Result<DispatchRow>.Fail(v.Errors);

        var issuer = await db.Posts.Include(p => p.Office).ThenInclude(o => o.Department).SingleAsync(p => p.Id == letter.IssuedByPostId, ct);
        var now = files.Now;
        int? receiptId = null;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (mode == DispatchMode.Email)
        {
            if (!mail.IsConfigured) return LettersErrors.MailNotConfigured;
            var sent = await SendAsync(letter, issuer, email!, recipient!, ct);
            if (sent is not null) return sent;
        }
        if (mode == DispatchMode.Electronic)
        {
            // It arrives as the addressee's electronic receipt, diarised in their section's register, with the signed PDF.
            var by = c.Employee;
            var diary = await DiariseReceipt.NextDiaryNumberAsync(numbers, to!.Office.Department, to.Section!, now.ToOffset(TimeSpan.FromHours(5.5)).Year, ct);
            var receipt = new Receipt(diary, to.Office.Department, to.Section!, to, by, new ReceiptParticulars(
                $"{issuer.Office.NameEn} ({issuer.Office.Department.NameEn})", letter.LetterNumber, DateOnly.FromDateTime(letter.IssuedAt.ToOffset(TimeSpan.FromHours(5.5)).DateTime),
                DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(5.5)).DateTime), letter.Subject, null, ReceiptMode.Electronic, "hi", c.File.Grading, true), now);
            receipt.Attach(new CorrespondenceDocument(letter.PdfHash, $"{letter.LetterNumber.Replace('/', '-')}.pdf", "application/pdf", letter.PdfSize, 1));
            db.Receipts.Add(receipt);
            await db.SaveChangesAsync(ct);
            receiptId = receipt.Id;
        }
        audit.ActingPostId = c.ActingPost.Id;
        var dispatch = new Dispatch(letter, mode, recipient!, c.ActingPost, c.Employee, now)
        {
            Email = email,
            Address = address,
            PostalMode = mode == DispatchMode.Post ? cmd.PostalMode : null,
            Postage = mode == DispatchMode.Post ? cmd.Postage : null,
            ArticleNumber = article,
            CarriedBy = carriedBy,
            ToPostId = to?.Id,
            ReceiptId = receiptId,
            Remarks = remarks,
        };
        db.Dispatches.Add(dispatch);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (to is not null)
            await notifier.ToPostAsync(to.Id, new Daftar.Web.Features.Notifications.Notice("receipt", letter.Subject, $"/Receipts/View?id={receiptId}"));
        return (await RegisterQuery(db.Dispatches.Where(d => d.Id == dispatch.Id)).SingleAsync(ct));
    }

    private async Task<Error?> SendAsync(IssuedLetter letter, Daftar.People.Post issuer, string email, string recipient, CancellationToken ct)
    {
        await using var pdf = blobs.OpenRead(letter.PdfHash);
        if (pdf is null) return Error.NotFound("Letter");
        var message = new MimeMessage { Subject = $"{letter.LetterNumber}: {letter.Subject}" };
        message.To.Add(new MailboxAddress(recipient, email));
        var verify = $"{signing.PublicUrl}/verify/{letter.VerificationCode}";
        var body = new BodyBuilder
        {
            TextBody = $"{issuer.Office.NameHi} / {issuer.Office.NameEn}\n\nपत्र क्रमांक / Letter No. {letter.LetterNumber}\nविषय / Subject: {letter.Subject}\n\n" +
                       $"डिजिटल हस्ताक्षरित पत्र संलग्न है। सत्यापन / The digitally signed letter is attached. Verify it at:\n{verify}\n({letter.VerificationCode})\n",
        };
        await body.Attachments.AddAsync($"{letter.LetterNumber.Replace('/', '-')}.pdf", pdf, new ContentType("application", "pdf"), ct);
        message.Body = body.ToMessageBody();
        try
        {
            await mail.SendAsync(message, ct);
            return null;
        }
        catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or System.Net.Sockets.SocketException or IOException or AuthenticationException or SslHandshakeException)
        {
            return LettersErrors.MailFailed(ex.Message);
        }
    }

    /// <summary>The register: dispatches of letters whose files the viewer may see, newest first, searchable by number, subject or recipient.</summary>
    public async Task<Result<IReadOnlyList<DispatchRow>>> RegisterAsync(string? q, DateOnly? from, DateOnly? to, DispatchMode? mode, CancellationToken ct)
    {
        var viewer = await files.ViewerAsync(ct);
        if (viewer is null) return FilesErrors.NoPost;
        var visible = FileActions.VisibleIds(db, viewer);
        var query = db.Dispatches.Where(d => visible.Contains(d.FileId));
        if (mode is { } m) query = query.Where(d => d.Mode == m);
        if (from is { } f) query = query.Where(d => d.DispatchedOn >= f);
        if (to is { } t) query = query.Where(d => d.DispatchedOn <= t);
        if (Daftar.People.Text.Clean(q) is { } text)
        {
            var pattern = Daftar.People.Text.ContainsPattern(text);
            query = query.Where(d => EF.Functions.Like(d.Letter.LetterNumber.ToLower(), pattern, "\\") || EF.Functions.Like(d.Letter.Subject.ToLower(), pattern, "\\")
                                     || EF.Functions.Like(d.Recipient.ToLower(), pattern, "\\"));
        }
        return Result<IReadOnlyList<DispatchRow>>.Ok(await RegisterQuery(query.OrderByDescending(d => d.Id).Take(500)).ToListAsync(ct));
    }

    private IQueryable<DispatchRow> RegisterQuery(IQueryable<Dispatch> dispatches) =>
        dispatches.Select(d => new DispatchRow(d.Id, d.LetterId, d.FileId, d.Letter.LetterNumber, d.Letter.Subject, d.Mode, d.Recipient, d.Email, d.Address, d.PostalMode,
            d.Postage, d.ArticleNumber, d.CarriedBy, d.ReceiptId, db.Receipts.Where(r => r.Id == d.ReceiptId).Select(r => r.DiaryNumber).FirstOrDefault(),
            d.DispatchedAt, d.DispatchedBy.NameEn));

    /// <summary>The register as CSV (UTF-8 with BOM, so Excel shows Hindi).</summary>
    public static byte[] Csv(IReadOnlyList<DispatchRow> rows) => CsvExport.Write(
        ["dispatched_at", "letter_number", "subject", "mode", "recipient", "email", "address", "postal_mode", "postage", "article_number", "carried_by", "diary_number", "dispatched_by"],
        rows.Select(r => new[]
        {
            Localisation.Time(r.DispatchedAt), r.LetterNumber, r.Subject, r.Mode.ToString(), r.Recipient, r.Email, r.Address, r.PostalMode?.ToString(),
            r.Postage?.ToString(CultureInfo.InvariantCulture), r.ArticleNumber, r.CarriedBy, r.DiaryNumber, r.DispatchedBy,
        }));
}
