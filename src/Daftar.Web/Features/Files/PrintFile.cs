using System.Net;
using System.Text;
using Daftar.Data;
using Daftar.Signing;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Files;

/// <summary>
/// A whole file as one PDF to read or print: the note sheet (green notes in order, each with its author, designation,
/// date and signature status, and an index of the correspondence with page numbers), then every piece of
/// correspondence in order — PDFs as they are, scanned images on pages of their own. Rendered by Chromium with
/// scripts off, so a note that contains markup or script prints as text.
/// </summary>
public sealed class PrintFile(FileQueries queries, DaftarDb db, BlobStore blobs, PdfRenderer renderer, NoteText markdown)
{
    public async Task<Result<(byte[] Pdf, string FileName)>> HandleAsync(int fileId, CancellationToken ct)
    {
        var loaded = await queries.GetAsync(fileId, markOpened: false, ct);
        if (!loaded.Succeeded) return Result<(byte[], string)>.Fail(loaded.Errors);
        if (!renderer.IsAvailable) return Rendering.Missing;
        var file = loaded.Value!;
        var parts = new List<(string Name, byte[] Pdf)> { ("note sheet", await renderer.RenderAsync(NoteSheet(file), ct)) };

        var items = await db.Correspondence.AsNoTracking().Where(c => c.FileId == fileId).OrderBy(c => c.Order)
            .Select(c => new { c.Title, c.BlobHash, c.ContentType, c.ReceiptId }).ToListAsync(ct);
        foreach (var item in items)
        {
            var documents = item.BlobHash is not null
                ? [(item.BlobHash, item.ContentType ?? "application/pdf")]
                : (await db.ReceiptDocuments.AsNoTracking().Where(d => d.ReceiptId == item.ReceiptId).OrderBy(d => d.Order)
                    .Select(d => new { d.BlobHash, d.ContentType }).ToListAsync(ct)).Select(d => (d.BlobHash, d.ContentType)).ToList();
            foreach (var (hash, type) in documents)
            {
                if (await blobs.ReadAllAsync(hash, ct) is not { } bytes) continue;
                parts.Add((item.Title, type switch
                {
                    "application/pdf" => bytes,
                    "image/jpeg" or "image/png" => await renderer.RenderAsync(ImagePage(item.Title, type, bytes), ct),
                    _ => await renderer.RenderAsync(Placeholder(item.Title, "This scan (TIFF) cannot be printed here; open it from the file."), ct),
                }));
            }
        }
        var merged = await PdfMerger.MergeAsync(parts, name => renderer.RenderAsync(Placeholder(name, "This document could not be read for printing; open it from the file."), ct));
        return (merged, $"file-{file.ComputerNumber}.pdf");
    }

    private string NoteSheet(FileView f)
    {
        var sb = new StringBuilder();
        sb.Append($$"""
            <!doctype html><html lang="hi"><head><meta charset="utf-8"><title>{{E(f.FileNumber)}}</title><style>
            body { font-family: 'Noto Sans Devanagari', 'Lohit Devanagari', 'Noto Sans', sans-serif; font-size: 11pt; line-height: 1.45; }
            h1 { font-size: 14pt; margin: 0 0 4px; } .meta { color: #444; font-size: 9.5pt; border-bottom: 1px solid #999; padding-bottom: 6px; margin-bottom: 10px; }
            .note { border-bottom: 1px dashed #bbb; padding: 6px 0 8px; page-break-inside: avoid; } .no { font-weight: bold; }
            .by { text-align: right; font-size: 9.5pt; } .sig { font-size: 9pt; color: #1a5d2a; } .sig.bad { color: #a00; }
            table { border-collapse: collapse; width: 100%; font-size: 9.5pt; } td, th { border: 1px solid #bbb; padding: 2px 4px; text-align: left; }
            </style></head><body>
            <h1>{{E(f.FileNumber)}} — {{E(f.Subject)}}</h1>
            <div class="meta">टिप्पणी पृष्ठ / Note sheet · Computer No. {{f.ComputerNumber}} · {{E(f.SectionCode)}} · {{Localisation.Time(f.CreatedAt)}}</div>
            """);
        foreach (var n in f.Notes.Where(n => n.IsConfirmed).OrderBy(n => n.Number))
        {
            sb.Append($"""<div class="note"><div class="no">{n.Number}.</div><div>{(n.Html.Length > 0 ? n.Html : markdown.ToHtml(n.Text))}</div>""");
            sb.Append($"""<div class="by">{E(n.AuthorHi)} / {E(n.AuthorEn)}<br>{E(n.AuthorPost.TitleHi)} / {E(n.AuthorPost.TitleEn)}<br>{Localisation.Time(n.ConfirmedAt ?? n.CreatedAt)}</div>""");
            if (n.Signature is { } s)
                sb.Append($"""<div class="sig{(s.Valid ? "" : " bad")}">डिजिटल हस्ताक्षरित / Digitally signed — {E(s.SignerName)}{(s.SignedAt is { } at ? " — " + Localisation.Time(at) : "")} — {(s.Valid ? "मान्य / valid" : "अमान्य / NOT valid")}</div>""");
            sb.Append("</div>");
        }
        if (f.Correspondence.Count > 0)
        {
            sb.Append("<h2 style=\"font-size:12pt\">पत्राचार / Correspondence</h2><table><tr><th>#</th><th>शीर्षक / Title</th><th>पृष्ठ / Pages</th></tr>");
            foreach (var c in f.Correspondence)
                sb.Append($"<tr><td>{c.Order}</td><td>{E(c.Title)}{(c.IsPuc ? " (PUC)" : "")}{(c.IsFr ? " (FR)" : "")}</td><td>{c.FirstPage}–{c.FirstPage + c.PageCount - 1}</td></tr>");
            sb.Append("</table>");
        }
        return sb.Append("</body></html>").ToString();
    }

    private static string ImagePage(string title, string type, byte[] bytes) => $$"""
        <!doctype html><html><head><meta charset="utf-8"><style>
        body { margin: 0; font-family: 'Noto Sans Devanagari', sans-serif; font-size: 9pt; } img { max-width: 100%; max-height: 250mm; display: block; margin: 0 auto; }
        </style></head><body><div>{{E(title)}}</div><img src="data:{{type}};base64,{{Convert.ToBase64String(bytes)}}" alt=""></body></html>
        """;

    private static string Placeholder(string title, string message) =>
        $"""<!doctype html><html><head><meta charset="utf-8"></head><body style="font-family:sans-serif"><h2>{E(title)}</h2><p>{E(message)}</p></body></html>""";

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
