using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Daftar.People;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.People;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Daftar.Tests.Security;

/// <summary>Who calls: the kinds of people the visibility and custody rules tell apart (issue #6, item 3).</summary>
public enum Actor { Anonymous, Unrelated, Outsider, SectionMember, PreviousHolder, Holder, AdditionalCharge, Administrator }

/// <summary>
/// What the caller gets: <c>Ok</c> a 2xx; <c>Reached</c> the handler ran and judged the input (400/409 about the
/// request itself, not about the caller); <c>Refused</c> 403, or 409 because the caller does not hold the file;
/// <c>Hidden</c> 404 (the thing's existence does not leak); <c>SignIn</c> 401.
/// </summary>
public enum Outcome { Ok, Reached, Refused, Hidden, SignIn }

/// <summary>
/// Every API endpoint × every kind of caller, with the outcome the rules in DESIGN.md 2.2 demand. The endpoints are read
/// from the running application, so an endpoint added without a row here fails this test.
/// The file in each case was opened by the clerk (LDC, DoIT GR-1) and sent to the section officer: the clerk is the
/// previous holder, the SO the holder, the ASO of the same section a section member, the programmer of another section
/// holds the SO's post as additional charge, the IT nodal officer is the administrator (another section), the Collector
/// is unrelated, and the "outsider" is the section member looking at a confidential file of the same chain.
/// </summary>
public class AuthorizationMatrixTests(DaftarFactory app, ITestOutputHelper output) : IClassFixture<DaftarFactory>
{
    private static readonly Dictionary<Actor, string> Codes = new()
    {
        [Actor.Unrelated] = Demo.Collector,
        [Actor.Outsider] = "RJ100012",
        [Actor.SectionMember] = "RJ100012",
        [Actor.PreviousHolder] = Demo.Clerk,
        [Actor.Holder] = Demo.SectionOfficer,
        [Actor.AdditionalCharge] = "RJ100015",
        [Actor.Administrator] = Demo.Admin,
    };

    private const string Pin = "480263";

    private static readonly byte[] Pdf = TestPdf.Pages(1);

    // --- expected outcomes by rule -----------------------------------------------------------------------------------

    /// <summary>Anyone, signed in or not (public PKI material, health).</summary>
    private static Outcome Public(Actor a) => Outcome.Ok;

    /// <summary>Any employee who holds a post today; the answer is about themselves or filtered to what they may see.</summary>
    private static Outcome Employee(Actor a) => a == Actor.Anonymous ? Outcome.SignIn : Outcome.Ok;

    /// <summary>As <see cref="Employee"/>, where the handler then judges the caller's own state (not enrolled, no session…).</summary>
    private static Outcome EmployeeReached(Actor a) => a == Actor.Anonymous ? Outcome.SignIn : Outcome.Reached;

    private static Outcome Admin(Actor a) => a switch
    {
        Actor.Anonymous => Outcome.SignIn,
        Actor.Administrator => Outcome.Ok,
        _ => Outcome.Refused,
    };

    /// <summary>As <see cref="Admin"/>, where the administrator's request is then judged on its input.</summary>
    private static Outcome AdminReached(Actor a) => Admin(a) == Outcome.Ok ? Outcome.Reached : Admin(a);

    /// <summary>Who may see the file: posts that held it, its section (normal grading only); not others, not administrators as such.</summary>
    private static Outcome Viewer(Actor a) => a switch
    {
        Actor.Anonymous => Outcome.SignIn,
        Actor.Unrelated or Actor.Outsider or Actor.Administrator => Outcome.Hidden,
        _ => Outcome.Ok,
    };

    /// <summary>Who may act on the file: only the post that holds it (by its regular holder or additional charge).</summary>
    private static Outcome Holder(Actor a) => a switch
    {
        Actor.Holder or Actor.AdditionalCharge => Outcome.Ok,
        Actor.SectionMember or Actor.PreviousHolder => Outcome.Refused,
        _ => Viewer(a),
    };

    /// <summary>Pull-back: only the post that sent it, while the recipient has not opened it.</summary>
    private static Outcome Sender(Actor a) => a switch
    {
        Actor.PreviousHolder => Outcome.Ok,
        Actor.SectionMember or Actor.Holder or Actor.AdditionalCharge => Outcome.Refused,
        _ => Viewer(a),
    };

    /// <summary>A note's signing: only its author, who then needs a signing session.</summary>
    private static Outcome Author(Actor a) => a switch
    {
        Actor.PreviousHolder => Outcome.Reached,
        Actor.SectionMember or Actor.Holder or Actor.AdditionalCharge => Outcome.Refused,
        _ => Viewer(a),
    };

    /// <summary>Issuing a letter: the holder, who then signs it with their own certificate (the additional-charge holder has none).</summary>
    private static Outcome Issuer(Actor a) => a is Actor.Holder or Actor.AdditionalCharge ? Outcome.Reached : Holder(a);

    /// <summary>Dispatching a letter: the holder of its file or anyone of the file's section (the dispatch clerk).</summary>
    private static Outcome Dispatcher(Actor a) => Viewer(a);

    /// <summary>A meeting is seen by its organiser, chair and the holders of invited posts (here the SO's post manages; ASO and clerk are invited).</summary>
    private static Outcome MeetingViewer(Actor a) => a switch
    {
        Actor.Anonymous => Outcome.SignIn,
        Actor.Unrelated or Actor.Administrator => Outcome.Hidden,
        _ => Outcome.Ok,
    };

    /// <summary>Only the organiser's or chair's post changes a meeting.</summary>
    private static Outcome MeetingManager(Actor a) => a switch
    {
        Actor.Holder or Actor.AdditionalCharge => Outcome.Ok,
        Actor.SectionMember or Actor.Outsider or Actor.PreviousHolder => Outcome.Refused,
        _ => MeetingViewer(a),
    };

    private static Outcome MeetingManagerReached(Actor a) => MeetingManager(a) == Outcome.Ok ? Outcome.Reached : MeetingManager(a);

    /// <summary>A join token: those who may not see the meeting are answered as for one that does not exist (404, no token);
    /// the invited reach the room check (no video server in these tests).</summary>
    private static Outcome MeetingJoin(Actor a) => a switch
    {
        Actor.Anonymous => Outcome.SignIn,
        Actor.Unrelated or Actor.Administrator => Outcome.Hidden,
        _ => Outcome.Reached,
    };

    /// <summary>An action item: its assigned post (the clerk's) and the meeting's managers update it; other invitees are refused.</summary>
    private static Outcome ActionAssignee(Actor a) => a switch
    {
        Actor.PreviousHolder or Actor.Holder or Actor.AdditionalCharge => Outcome.Reached,
        _ => MeetingManager(a),
    };

    /// <summary>
    /// A laptop issued to the clerk: the clerk, the posts above the clerk's (ASO, SO) and administrators. Equipment follows the
    /// acting post: the programmer acts from his own post here, not the SO's that he holds as additional charge.
    /// </summary>
    private static Outcome EquipmentViewer(Actor a) => a switch
    {
        Actor.Anonymous => Outcome.SignIn,
        Actor.Unrelated or Actor.AdditionalCharge => Outcome.Hidden,
        _ => Outcome.Ok,
    };

    /// <summary>The office's store: only its keepers (none named here) and administrators; to others the asset does not exist.</summary>
    private static Outcome StoreKeeper(Actor a) => a switch
    {
        Actor.Anonymous => Outcome.SignIn,
        Actor.Administrator => Outcome.Reached,
        _ => Outcome.Hidden,
    };

    /// <summary>The catalogue: section officers and above of the department, and administrators; <paramref name="stranger"/> for the Collector (another department).</summary>
    private static Func<Actor, Outcome> CatalogueKeeper(Outcome stranger) => a => a switch
    {
        Actor.Anonymous => Outcome.SignIn,
        Actor.Holder or Actor.Administrator => Outcome.Reached,
        Actor.Unrelated => stranger,
        _ => Outcome.Refused,
    };

    /// <summary>An office's orders and rosters are read by its staff and administrators; the Collector is of another office.</summary>
    private static Outcome InOffice(Actor a) => a switch { Actor.Anonymous => Outcome.SignIn, Actor.Unrelated => Outcome.Hidden, _ => Outcome.Ok };

    /// <summary>Only the head of the office (here nobody of the actors: the ACS heads DoIT) or an administrator makes orders and rosters.</summary>
    private static Outcome OfficeHead(Actor a) => a switch { Actor.Anonymous => Outcome.SignIn, Actor.Administrator => Outcome.Reached, _ => Outcome.Refused };

    // --- the matrix --------------------------------------------------------------------------------------------------

    private sealed record Row(string Method, string Pattern, Func<Actor, Outcome> Expected, Func<Case, HttpRequestMessage> Request, Setup Setup = Setup.None);

    /// <summary>What a row needs done to a fresh file before the call (rows that change something get a fresh file per caller).</summary>
    [Flags]
    private enum Setup
    {
        None = 0, Fresh = 1, HolderDraft = 2 | Fresh, Parked = 4 | Fresh, Closed = 8 | Fresh, Document = 16 | Fresh, Linked = 32 | Fresh, Shared = 64 | Fresh,
        Receipt = 128 | Fresh, Token = 256 | Fresh, Dfa = 512 | Fresh, Approved = 1024 | Dfa, Issued = 2048 | Approved, Meeting = 4096 | Fresh,
    }

    /// <summary>The ids a request is built from.</summary>
    private sealed record Case(int File, int ClerkNote, int HolderDraft, int OtherFile, int Receipt, int Employee, int Post, int Office,
        int Assignment, int SharedPost, int Credential, int Token, int Dfa = 0, int Letter = 0, int Meeting = 0, int Occurrence = 0, int Action = 0)
    {
        /// <summary>Work from home: the IT department's office, a DoIT task, a draft roster of that office, the clerk's exemption request.</summary>
        public (int Office, int Task, int Roster, int Exemption, int Report, int Section) Wfh { get; init; }

        /// <summary>Equipment: a laptop of the IT department's office issued to the clerk, the clerk's request (with the ASO), the office, the clerk.</summary>
        public (int Asset, int Request, int Office, int Clerk) Assets { get; init; }
    }

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);
    private static HttpRequestMessage Delete(string url) => new(HttpMethod.Delete, url);
    private static HttpRequestMessage Post(string url, object? body = null) => new(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
    private static HttpRequestMessage Put(string url, object body) => new(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
    private static HttpRequestMessage Upload(string url, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        var pdf = new ByteArrayContent(Pdf);
        pdf.Headers.ContentType = new("application/pdf");
        form.Add(pdf, url.Contains("/receipts", StringComparison.Ordinal) ? "documents" : "file", "letter.pdf");
        return new HttpRequestMessage(HttpMethod.Post, url) { Content = form };
    }

    private static List<Row> Rows(int dsPost) =>
    [
        new("GET", "/healthz", Public, _ => Get("/healthz")),
        new("GET", "/pki/root.crt", Public, _ => Get("/pki/root.crt")),
        new("GET", "/pki/tsa.crt", Public, _ => Get("/pki/tsa.crt")),
        new("GET", "/pki/ca/{code}.crt", Public, _ => Get("/pki/ca/DOIT.crt")),
        new("GET", "/pki/crl/{code}.crl", Public, _ => Get("/pki/crl/DOIT.crl")),
        new("POST", "/pki/tsa", Public, _ => new HttpRequestMessage(HttpMethod.Post, "/pki/tsa") { Content = new ByteArrayContent([0x30, 0x00]) { Headers = { ContentType = new("application/timestamp-query") } } }),

        new("GET", "/api/me", Employee, _ => Get("/api/me")),
        new("GET", "/api/me/tokens", Employee, _ => Get("/api/me/tokens")),
        new("POST", "/api/me/tokens", Employee, _ => Post("/api/me/tokens", new { name = "matrix", days = 1 })),
        new("DELETE", "/api/me/tokens/{id:int}", a => a switch { Actor.Anonymous => Outcome.SignIn, Actor.PreviousHolder => Outcome.Ok, _ => Outcome.Hidden }, c => Delete($"/api/me/tokens/{c.Token}"), Setup.Token),

        new("GET", "/api/signing", Employee, _ => Get("/api/signing")),
        new("POST", "/api/signing/enrol", EmployeeReached, _ => Post("/api/signing/enrol", new { pin = "1", confirmPin = "1" })),
        new("POST", "/api/signing/session", EmployeeReached, _ => Post("/api/signing/session", new { pin = "000000" })),
        new("DELETE", "/api/signing/session", Employee, _ => Delete("/api/signing/session")),
        new("POST", "/api/signing/revoke", EmployeeReached, _ => Post("/api/signing/revoke", new { reason = "" })),
        new("POST", "/api/signing/external", EmployeeReached, _ => new HttpRequestMessage(HttpMethod.Post, "/api/signing/external") { Content = new MultipartFormDataContent() }),
        new("POST", "/api/notes/{id:int}/sign", Author, c => Post($"/api/notes/{c.ClerkNote}/sign", new { pin = "000000" }), Setup.Fresh),
        new("GET", "/api/notes/{id:int}/signature", Viewer, c => Get($"/api/notes/{c.ClerkNote}/signature")),
        new("GET", "/api/notes/{id:int}/signature/content", Viewer, c => Get($"/api/notes/{c.ClerkNote}/signature/content")),
        new("GET", "/api/notes/{id:int}/signature/cms", Viewer, c => Get($"/api/notes/{c.ClerkNote}/signature/cms")),

        new("GET", "/api/admin/pki/authorities", Admin, _ => Get("/api/admin/pki/authorities")),
        new("POST", "/api/admin/pki/authorities/{department}/renew", Admin, _ => Post("/api/admin/pki/authorities/RDPR/renew")),
        new("GET", "/api/admin/pki/certificates", Admin, _ => Get("/api/admin/pki/certificates")),
        new("POST", "/api/admin/pki/certificates/{id:int}/revoke", AdminReached, c => Post($"/api/admin/pki/certificates/{c.Credential}/revoke", new { reason = "" })),
        new("POST", "/api/admin/pki/certificates/{id:int}/unlock", Admin, c => Post($"/api/admin/pki/certificates/{c.Credential}/unlock")),
        // The world's credential is active, not waiting: the administrator reaches the rule (409), everyone else is refused.
        new("POST", "/api/admin/pki/certificates/{id:int}/approve", AdminReached, c => Post($"/api/admin/pki/certificates/{c.Credential}/approve")),

        new("GET", "/api/inbox", Employee, _ => Get("/api/inbox?tab=new")),
        new("POST", "/api/files", EmployeeReached, _ => Post("/api/files", new CreateFileCommand("Matrix file", 12, "Procurement"))),
        new("GET", "/api/files/{id:int}", Viewer, c => Get($"/api/files/{c.File}")),
        new("GET", "/api/files/{id:int}/movements", Viewer, c => Get($"/api/files/{c.File}/movements")),
        new("GET", "/api/files/{id:int}/audit", Viewer, c => Get($"/api/files/{c.File}/audit")),
        new("POST", "/api/files/{id:int}/notes", Holder, c => Post($"/api/files/{c.File}/notes", new { text = "Seen." }), Setup.Fresh),
        new("POST", "/api/notes/{id:int}/confirm", Holder, c => Post($"/api/notes/{c.HolderDraft}/confirm"), Setup.HolderDraft),
        new("DELETE", "/api/notes/{id:int}", Holder, c => Delete($"/api/notes/{c.HolderDraft}"), Setup.HolderDraft),
        new("POST", "/api/files/{id:int}/send", Holder, c => Post($"/api/files/{c.File}/send", new { toPostId = dsPost, remarks = "For orders" }), Setup.Fresh),
        new("POST", "/api/files/{id:int}/pull-back", Sender, c => Post($"/api/files/{c.File}/pull-back"), Setup.Fresh),
        new("POST", "/api/files/{id:int}/park", Holder, c => Post($"/api/files/{c.File}/park", new { remarks = "awaiting reply" }), Setup.Fresh),
        new("POST", "/api/files/{id:int}/unpark", Holder, c => Post($"/api/files/{c.File}/unpark"), Setup.Parked),
        new("POST", "/api/files/{id:int}/close", Holder, c => Post($"/api/files/{c.File}/close", new { remarks = "done" }), Setup.Fresh),
        new("POST", "/api/files/{id:int}/reopen", Holder, c => Post($"/api/files/{c.File}/reopen", new { remarks = "again" }), Setup.Closed),
        new("POST", "/api/files/{id:int}/documents", Holder, c => Upload($"/api/files/{c.File}/documents", ("title", "Reply")), Setup.Fresh),
        new("GET", "/api/files/{id:int}/correspondence/{order:int}/document", Viewer, c => Get($"/api/files/{c.File}/correspondence/1/document"), Setup.Document),
        new("GET", "/api/file-heads", Employee, _ => Get("/api/file-heads")),
        new("PUT", "/api/files/{id:int}/correspondence/{order:int}", Holder, c => Put($"/api/files/{c.File}/correspondence/1", new { isPuc = true, isFr = false }), Setup.Document),
        new("POST", "/api/files/{id:int}/links", Holder, c => Post($"/api/files/{c.File}/links", new { file = c.OtherFile.ToString(), remarks = "related" }), Setup.Fresh),
        new("DELETE", "/api/files/{id:int}/links/{linkedId:int}", Holder, c => Delete($"/api/files/{c.File}/links/{c.OtherFile}"), Setup.Linked),
        new("POST", "/api/files/{id:int}/shares", Holder, c => Post($"/api/files/{c.File}/shares", new { postId = c.SharedPost }), Setup.Fresh),
        new("DELETE", "/api/files/{id:int}/shares/{postId:int}", Holder, c => Delete($"/api/files/{c.File}/shares/{c.SharedPost}"), Setup.Shared),
        new("GET", "/api/search", Employee, _ => Get("/api/search?q=matrix")),
        new("GET", "/api/files/{id:int}/print", Viewer, c => Get($"/api/files/{c.File}/print")),
        new("POST", "/api/files/{id:int}/drafts", Holder, c => Post($"/api/files/{c.File}/drafts", new { kind = 1, language = 3, subject = "Matrix letter", body = "Text." }), Setup.Fresh),
        new("GET", "/api/drafts/{id:int}", Viewer, c => Get($"/api/drafts/{c.Dfa}")),
        new("PUT", "/api/drafts/{id:int}", Holder, c => Put($"/api/drafts/{c.Dfa}", new { subject = "Matrix letter", body = "Revised text." }), Setup.Dfa),
        new("GET", "/api/drafts/{id:int}/diff", Viewer, c => Get($"/api/drafts/{c.Dfa}/diff?from=1&to=1")),
        new("POST", "/api/drafts/{id:int}/approve", Holder, c => Post($"/api/drafts/{c.Dfa}/approve", new { version = 1 }), Setup.Dfa),
        new("POST", "/api/drafts/{id:int}/issue", Issuer, c => Post($"/api/drafts/{c.Dfa}/issue", new { pin = Pin }), Setup.Approved),
        new("GET", "/api/letters/{id:int}/pdf", Viewer, c => Get($"/api/letters/{c.Letter}/pdf")),
        new("POST", "/api/letters/{id:int}/dispatches", Dispatcher, c => Post($"/api/letters/{c.Letter}/dispatches", new { mode = 3, recipient = "District Collector, Jaipur" })),
        new("GET", "/api/dispatches", Employee, _ => Get("/api/dispatches?q=matrix")),
        new("GET", "/api/dispatches/export", Employee, _ => Get("/api/dispatches/export")),
        new("POST", "/api/letters/{id:int}/sign", Issuer, c => Post($"/api/letters/{c.Letter}/sign", new { pin = Pin }), Setup.Issued),
        new("GET", "/api/recipients", Employee, _ => Get("/api/recipients?q=section")),

        new("POST", "/api/receipts", Employee, _ => Upload("/api/receipts", ("sender", "जिला कलेक्टर"), ("subject", "Matrix receipt"), ("mode", "Post"))),
        new("GET", "/api/receipts", Employee, _ => Get("/api/receipts")),
        new("GET", "/api/receipts/{id:int}", Viewer, c => Get($"/api/receipts/{c.Receipt}"), Setup.Receipt),
        new("GET", "/api/receipts/{id:int}/documents/{order:int}", Viewer, c => Get($"/api/receipts/{c.Receipt}/documents/1"), Setup.Receipt),
        new("POST", "/api/receipts/{id:int}/send", Holder, c => Post($"/api/receipts/{c.Receipt}/send", new { toPostId = dsPost, remarks = "please see" }), Setup.Receipt),
        new("POST", "/api/receipts/{id:int}/put-in-file", Holder, c => Post($"/api/receipts/{c.Receipt}/put-in-file", new { newFileSubject = "From a receipt", headNumber = 12 }), Setup.Receipt),
        new("POST", "/api/receipts/{id:int}/close", Holder, c => Post($"/api/receipts/{c.Receipt}/close"), Setup.Receipt),

        new("GET", "/api/offices", Employee, _ => Get("/api/offices")),
        new("GET", "/api/offices/{id:int}", Employee, c => Get($"/api/offices/{c.Office}")),
        new("GET", "/api/offices/{id:int}/sections", Employee, c => Get($"/api/offices/{c.Office}/sections")),
        new("GET", "/api/departments", Employee, _ => Get("/api/departments")),
        new("GET", "/api/designations", Employee, _ => Get("/api/designations")),
        new("GET", "/api/posts/{id:int}", Employee, c => Get($"/api/posts/{c.Post}")),
        new("GET", "/api/employees/{id:int}", Employee, c => Get($"/api/employees/{c.Employee}")),
        new("GET", "/api/directory", Employee, _ => Get("/api/directory?q=sharma")),
        new("POST", "/api/departments", AdminReached, _ => Post("/api/departments", new { })),
        new("POST", "/api/designations", AdminReached, _ => Post("/api/designations", new { })),
        new("POST", "/api/offices", AdminReached, _ => Post("/api/offices", new { })),
        new("PUT", "/api/offices/{id:int}", AdminReached, c => Put($"/api/offices/{c.Office}", new { })),
        new("POST", "/api/sections", AdminReached, _ => Post("/api/sections", new { })),
        new("POST", "/api/posts", AdminReached, _ => Post("/api/posts", new { })),
        new("PUT", "/api/posts/{id:int}", AdminReached, c => Put($"/api/posts/{c.Post}", new { })),
        new("POST", "/api/employees", AdminReached, _ => Post("/api/employees", new { })),
        new("PUT", "/api/employees/{id:int}", AdminReached, c => Put($"/api/employees/{c.Employee}", new { })),
        new("POST", "/api/employees/{id:int}/assignments", AdminReached, c => Post($"/api/employees/{c.Employee}/assignments", new { postId = 0, kind = "Additional" })),
        new("POST", "/api/assignments/{id:int}/end", AdminReached, c => Post($"/api/assignments/{c.Assignment}/end", new { lastDay = "2000-01-01" })),
        new("GET", "/api/employees/{id:int}/account", Admin, c => Get($"/api/employees/{c.Employee}/account")),
        new("POST", "/api/employees/{id:int}/account/temporary-password", Admin, c => Post($"/api/employees/{c.Employee}/account/temporary-password")),
        new("POST", "/api/employees/{id:int}/account/unlock", Admin, c => Post($"/api/employees/{c.Employee}/account/unlock")),
        new("POST", "/api/employees/{id:int}/account/reset-two-factor", Admin, c => Post($"/api/employees/{c.Employee}/account/reset-two-factor")),
        new("POST", "/api/employees/{id:int}/account/revoke-tokens", Admin, c => Post($"/api/employees/{c.Employee}/account/revoke-tokens")),
        new("POST", "/api/imports/employees", AdminReached, _ => new HttpRequestMessage(HttpMethod.Post, "/api/imports/employees") { Content = new MultipartFormDataContent() }),
        new("POST", "/api/meetings", EmployeeReached, _ => Post("/api/meetings", new { title = "" })),
        new("GET", "/api/meetings", Employee, _ => Get("/api/meetings")),
        new("GET", "/api/meetings/{id:int}", MeetingViewer, c => Get($"/api/meetings/{c.Meeting}")),
        new("PUT", "/api/meetings/{id:int}", MeetingManagerReached, c => Put($"/api/meetings/{c.Meeting}", new { title = "" })),
        new("POST", "/api/meetings/{id:int}/cancel", MeetingManager, c => Post($"/api/meetings/{c.Meeting}/cancel"), Setup.Meeting),
        new("PUT", "/api/meetings/{id:int}/agenda/{order:int}", MeetingManagerReached,
            c => new HttpRequestMessage(HttpMethod.Put, $"/api/meetings/{c.Meeting}/agenda/1") { Content = new MultipartFormDataContent { { new StringContent("999999"), "ownerPostId" } } }),
        new("GET", "/api/meetings/{id:int}/agenda/{order:int}/document", MeetingViewer, c => Get($"/api/meetings/{c.Meeting}/agenda/1/document")),
        new("GET", "/api/meetings/{id:int}/ics", MeetingViewer, c => Get($"/api/meetings/{c.Meeting}/ics")),
        new("POST", "/api/occurrences/{id:int}/cancel", MeetingManager, c => Post($"/api/occurrences/{c.Occurrence + 2}/cancel"), Setup.Meeting),
        new("POST", "/api/occurrences/{id:int}/move", MeetingManagerReached, c => Post($"/api/occurrences/{c.Occurrence}/move", new { day = "2020-01-01", startTime = "10:00", durationMinutes = 30 })),
        new("POST", "/api/meetings/rules/preview", EmployeeReached, _ => Post("/api/meetings/rules/preview", new { })),
        new("POST", "/api/occurrences/{id:int}/join", MeetingJoin, c => Post($"/api/occurrences/{c.Occurrence + 1}/join")),
        new("GET", "/api/occurrences/{id:int}/room", a => a == Actor.Anonymous ? Outcome.SignIn : Outcome.Hidden, c => Get($"/api/occurrences/{c.Occurrence}/room?participantId=1")),
        new("POST", "/api/occurrences/{id:int}/hand", a => a == Actor.Anonymous ? Outcome.SignIn : Outcome.Hidden, c => Post($"/api/occurrences/{c.Occurrence}/hand", new { participantId = 1, raise = true })),
        new("POST", "/api/occurrences/{id:int}/moderate", MeetingManagerReached, c => Post($"/api/occurrences/{c.Occurrence}/moderate", new { grantId = 0, action = "mute" })),
        new("POST", "/api/occurrences/{id:int}/end", MeetingManager, c => Post($"/api/occurrences/{c.Occurrence}/end"), Setup.Meeting),
        new("GET", "/api/occurrences/{id:int}/attendance", MeetingViewer, c => Get($"/api/occurrences/{c.Occurrence}/attendance")),
        new("GET", "/api/occurrences/{id:int}/attendance/export", MeetingViewer, c => Get($"/api/occurrences/{c.Occurrence}/attendance/export")),
        new("GET", "/api/meetings/{id:int}/attendance", MeetingViewer, c => Get($"/api/meetings/{c.Meeting}/attendance")),
        new("GET", "/api/meetings/{id:int}/attendance/export", MeetingViewer, c => Get($"/api/meetings/{c.Meeting}/attendance/export")),
        new("GET", "/api/occurrences/{id:int}/minutes", MeetingViewer, c => Get($"/api/occurrences/{c.Occurrence}/minutes")),
        new("PUT", "/api/occurrences/{id:int}/minutes", MeetingManagerReached, c => Put($"/api/occurrences/{c.Occurrence}/minutes", new { body = "" })),
        new("POST", "/api/occurrences/{id:int}/minutes/sign", a => MeetingViewer(a) == Outcome.Ok ? (a is Actor.Holder or Actor.AdditionalCharge ? Outcome.Reached : Outcome.Refused) : MeetingViewer(a),
            c => Post($"/api/occurrences/{c.Occurrence}/minutes/sign", new { pin = "000000" })),
        new("GET", "/api/occurrences/{id:int}/minutes/pdf", a => a == Actor.Outsider ? Outcome.Hidden : MeetingViewer(a), // the outsider's meeting has unsigned minutes
            c => Get($"/api/occurrences/{c.Occurrence}/minutes/pdf")),
        new("POST", "/api/meetings/{id:int}/actions", MeetingManagerReached, c => Post($"/api/meetings/{c.Meeting}/actions", new { text = "" })),
        new("GET", "/api/meetings/{id:int}/actions", MeetingViewer, c => Get($"/api/meetings/{c.Meeting}/actions")),
        new("GET", "/api/actions", Employee, _ => Get("/api/actions")),
        new("POST", "/api/actions/{id:int}/updates", ActionAssignee, c => Post($"/api/actions/{c.Action}/updates", new { status = 9 })),
        new("POST", "/api/actions/{id:int}/link", ActionAssignee, c => Post($"/api/actions/{c.Action}/link", new { })),
        new("POST", "/api/actions/{id:int}/file", a => ActionAssignee(a) == Outcome.Reached && a is not Actor.PreviousHolder ? Outcome.Refused : ActionAssignee(a),
            c => Post($"/api/actions/{c.Action}/file", new { headNumber = 999 })),
        new("GET", "/api/dashboards/reviews", a => a switch { Actor.Anonymous => Outcome.SignIn, Actor.Administrator => Outcome.Ok, _ => Outcome.Hidden }, c => Get($"/api/dashboards/reviews?officeId={c.Office}")),
        new("POST", "/api/me/calendar-feed", Employee, _ => Post("/api/me/calendar-feed")),
        new("GET", "/calendar/{secret}.ics", a => Outcome.Hidden, _ => Get("/calendar/no-such-calendar-feed-secret.ics")),
        new("*", "/rtc/{server}/{**path}", a => Outcome.Hidden, _ => Post("/rtc/none/1", new { janus = "attach" })),
        new("POST", "/rtc/{server}", a => Outcome.Hidden, _ => Post("/rtc/none", new { janus = "create", token = "x" })),
        // Work from home (issue #32). The catalogue is kept by section officers and above of the department (the SO, the
        // administrator; the Collector keeps his own department's), orders and rosters by the head of the office or an
        // administrator, exemptions are decided by the controlling officers above the post, readiness is the office head's.
        new("GET", "/api/work-from-home/catalogue", Employee, _ => Get("/api/work-from-home/catalogue")),
        new("POST", "/api/work-from-home/tasks", CatalogueKeeper(Outcome.Reached), _ => Post("/api/work-from-home/tasks", new { })),
        new("PUT", "/api/work-from-home/tasks/{id:int}", CatalogueKeeper(Outcome.Hidden), c => Put($"/api/work-from-home/tasks/{c.Wfh.Task}", new { })),
        new("POST", "/api/work-from-home/tasks/import", EmployeeReached, _ => new HttpRequestMessage(HttpMethod.Post, "/api/work-from-home/tasks/import") { Content = new MultipartFormDataContent() }),
        new("POST", "/api/work-from-home/holidays/import", AdminReached, _ => new HttpRequestMessage(HttpMethod.Post, "/api/work-from-home/holidays/import") { Content = new MultipartFormDataContent() }),
        new("PUT", "/api/work-from-home/posts/{id:int}/tasks", CatalogueKeeper(Outcome.Hidden), c => Put($"/api/work-from-home/posts/{c.Post}/tasks", new { taskId = 0 })),
        new("GET", "/api/work-from-home/rules", Employee, _ => Get("/api/work-from-home/rules")),
        new("POST", "/api/work-from-home/rules", AdminReached, _ => Post("/api/work-from-home/rules", new { workingDaysPerWeek = 9 })),
        new("GET", "/api/work-from-home/offices/{id:int}/orders", InOffice, c => Get($"/api/work-from-home/offices/{c.Wfh.Office}/orders")),
        new("POST", "/api/work-from-home/orders", OfficeHead, c => Post("/api/work-from-home/orders", new { officeId = c.Wfh.Office, capPercent = 0 })),
        new("GET", "/api/work-from-home/offices/{id:int}/sections", InOffice, c => Get($"/api/work-from-home/offices/{c.Wfh.Office}/sections")),
        new("PUT", "/api/work-from-home/sections/{id:int}/presence", a => InOffice(a) == Outcome.Ok ? OfficeHead(a) : InOffice(a),
            c => Put($"/api/work-from-home/sections/{c.Wfh.Section}/presence", new { minimumInOffice = -1 })),
        new("POST", "/api/work-from-home/roster-runs", AdminReached, _ => Post("/api/work-from-home/roster-runs", new { from = "2020-01-06", to = "2020-01-12" })),
        // A run is seen only by the account that started it: anyone else's id is not found.
        new("GET", "/api/work-from-home/roster-runs/{id:guid}", a => a == Actor.Anonymous ? Outcome.SignIn : Outcome.Hidden, _ => Get($"/api/work-from-home/roster-runs/{Guid.NewGuid()}")),
        new("GET", "/api/work-from-home/offices/{id:int}/rosters", InOffice, c => Get($"/api/work-from-home/offices/{c.Wfh.Office}/rosters")),
        new("POST", "/api/work-from-home/rosters", OfficeHead, c => Post("/api/work-from-home/rosters", new { officeId = c.Wfh.Office, from = "2020-01-06", to = "2020-01-12" })),
        new("GET", "/api/work-from-home/rosters/{id:int}", InOffice, c => Get($"/api/work-from-home/rosters/{c.Wfh.Roster}")),
        new("POST", "/api/work-from-home/rosters/{id:int}/edits", a => InOffice(a) == Outcome.Ok ? OfficeHead(a) : InOffice(a),
            c => Post($"/api/work-from-home/rosters/{c.Wfh.Roster}/edits", new { day = "2020-01-01", employeeId = 0, inOffice = true })),
        new("POST", "/api/work-from-home/rosters/{id:int}/publish", a => InOffice(a) == Outcome.Ok ? OfficeHead(a) : InOffice(a), c => Post($"/api/work-from-home/rosters/{c.Wfh.Roster}/publish")),
        new("GET", "/api/work-from-home/my-week", Employee, _ => Get("/api/work-from-home/my-week")),
        new("POST", "/api/work-from-home/attendance", EmployeeReached, _ => Post("/api/work-from-home/attendance", new { place = "Office", date = "2020-01-01" })),
        new("GET", "/api/work-from-home/register", Employee, _ => Get("/api/work-from-home/register")),
        new("GET", "/api/work-from-home/register/export", Employee, _ => Get("/api/work-from-home/register/export")),
        new("POST", "/api/work-from-home/attendance/punches", AdminReached, _ => new HttpRequestMessage(HttpMethod.Post, "/api/work-from-home/attendance/punches") { Content = new MultipartFormDataContent() }),
        new("GET", "/api/work-from-home/exemptions", Employee, _ => Get("/api/work-from-home/exemptions")),
        new("POST", "/api/work-from-home/exemptions", EmployeeReached, _ => Post("/api/work-from-home/exemptions", new { })),
        new("POST", "/api/work-from-home/exemptions/{id:int}/decision", a => a switch
            {
                Actor.Anonymous => Outcome.SignIn,
                Actor.Holder or Actor.SectionMember or Actor.Outsider => Outcome.Reached,   // the SO and the ASO are above the clerk
                Actor.PreviousHolder => Outcome.Refused,                                    // the clerk's own request
                _ => Outcome.Hidden,
            }, c => Post($"/api/work-from-home/exemptions/{c.Wfh.Exemption}/decision", new { approve = false, remarks = "" })),
        new("GET", "/api/work-from-home/reports/draft", Employee, _ => Get("/api/work-from-home/reports/draft")),
        new("POST", "/api/work-from-home/reports", EmployeeReached, _ => Post("/api/work-from-home/reports", new { text = "" })),
        new("GET", "/api/work-from-home/reports", Employee, _ => Get("/api/work-from-home/reports")),
        new("POST", "/api/work-from-home/reports/{id:int}/remark", a => a switch
            {
                Actor.Anonymous => Outcome.SignIn,
                Actor.Holder or Actor.SectionMember or Actor.Outsider => Outcome.Reached,   // above the clerk who wrote it
                Actor.PreviousHolder => Outcome.Refused,                                    // the clerk's own report
                _ => Outcome.Hidden,
            }, c => Post($"/api/work-from-home/reports/{c.Wfh.Report}/remark", new { remark = "" })),
        new("GET", "/api/work-from-home/reports/weekly", Employee, _ => Get("/api/work-from-home/reports/weekly")),   // each caller's own section
        new("GET", "/api/work-from-home/readiness", a => a switch { Actor.Anonymous => Outcome.SignIn, Actor.Administrator or Actor.Unrelated => Outcome.Ok, _ => Outcome.Hidden },
            _ => Get("/api/work-from-home/readiness")),
        new("GET", "/api/assets", a => a switch { Actor.Anonymous => Outcome.SignIn, Actor.Administrator or Actor.Unrelated => Outcome.Ok, _ => Outcome.Hidden },
            _ => Get("/api/assets")),   // the Collector heads his own office; nobody else keeps a store or heads an office
        new("POST", "/api/assets", a => a switch { Actor.Anonymous => Outcome.SignIn, Actor.Administrator => Outcome.Reached, _ => Outcome.Refused },
            _ => Post("/api/assets", new { kind = "Laptop" })),
        new("POST", "/api/assets/import", a => a switch { Actor.Anonymous => Outcome.SignIn, Actor.Administrator => Outcome.Reached, _ => Outcome.Refused },
            _ => new HttpRequestMessage(HttpMethod.Post, "/api/assets/import")
            {
                Content = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("office,kind\nNOWHERE,Laptop\n")), "file", "register.csv" } },
            }),
        new("GET", "/api/assets/mine", Employee, _ => Get("/api/assets/mine")),
        new("GET", "/api/assets/{id:int}", EquipmentViewer, c => Get($"/api/assets/{c.Assets.Asset}")),
        new("POST", "/api/assets/{id:int}/issue", StoreKeeper, c => Post($"/api/assets/{c.Assets.Asset}/issue", new { employeeCode = "" })),
        new("POST", "/api/assets/{id:int}/acknowledge", a => a switch { Actor.Anonymous => Outcome.SignIn, Actor.PreviousHolder => Outcome.Reached, _ => Outcome.Hidden },
            c => Post($"/api/assets/{c.Assets.Asset}/acknowledge", new { })),
        new("POST", "/api/assets/{id:int}/return", StoreKeeper, c => Post($"/api/assets/{c.Assets.Asset}/return", new { condition = "" })),
        new("POST", "/api/assets/{id:int}/status", StoreKeeper, c => Post($"/api/assets/{c.Assets.Asset}/status", new { status = "InStore" })),
        new("GET", "/api/assets/held-by/{employeeId:int}", EquipmentViewer, c => Get($"/api/assets/held-by/{c.Assets.Clerk}")),
        new("GET", "/api/assets/offices/{id:int}/verification", StoreKeeper, c => Get($"/api/assets/offices/{c.Assets.Office}/verification")),
        new("POST", "/api/assets/offices/{id:int}/verification", StoreKeeper, c => Post($"/api/assets/offices/{c.Assets.Office}/verification")),
        new("POST", "/api/assets/offices/{id:int}/verification/close", StoreKeeper, c => Post($"/api/assets/offices/{c.Assets.Office}/verification/close")),
        new("POST", "/api/assets/{id:int}/verify", StoreKeeper, c => Post($"/api/assets/{c.Assets.Asset}/verify", new { seen = true })),
        new("PUT", "/api/assets/offices/{id:int}/keepers", a => a switch { Actor.Anonymous => Outcome.SignIn, Actor.Administrator => Outcome.Reached, _ => Outcome.Refused },
            c => Put($"/api/assets/offices/{c.Assets.Office}/keepers", new { postIds = new[] { 0 } })),
        new("POST", "/api/equipment-requests", EmployeeReached, _ => Post("/api/equipment-requests", new { kind = "Laptop", reason = "" })),
        new("GET", "/api/equipment-requests", Employee, _ => Get("/api/equipment-requests")),
        new("POST", "/api/equipment-requests/{id:int}/decision", a => a switch
            {
                Actor.Anonymous => Outcome.SignIn,
                Actor.PreviousHolder => Outcome.Refused,   // the clerk's own request
                Actor.Unrelated => Outcome.Hidden,
                _ => EquipmentViewer(a) == Outcome.Ok ? Outcome.Reached : EquipmentViewer(a),   // the ASO, the SO above, the administrator
            }, c => Post($"/api/equipment-requests/{c.Assets.Request}/decision", new { decision = "Refuse", remarks = "" })),
        new("GET", "/api/connection", Employee, _ => Get("/api/connection")),
        new("PUT", "/api/connection", EmployeeReached, _ => Put("/api/connection", new { type = "None", planMbps = 5 })),
        new("POST", "/api/connection/checks", EmployeeReached, _ => Post("/api/connection/checks", new { downloadMbps = -1, uploadMbps = 1, latencyMs = 10, jitterMs = 1, samples = 10 })),
        new("GET", "/api/connection/below", Employee, _ => Get("/api/connection/below")),
        new("GET", "/api/connection/probe", Employee, _ => Get("/api/connection/probe?bytes=1000")),
        new("POST", "/api/connection/probe", Employee, _ => new HttpRequestMessage(HttpMethod.Post, "/api/connection/probe") { Content = new ByteArrayContent(new byte[1000]) }),
    ];

    [Fact]
    public void EveryEndpoint_HasARow_AndEveryRow_AnEndpoint()
    {
        var endpoints = ApiEndpoints();
        var rows = Rows(0).Select(r => $"{r.Method} {r.Pattern}").ToHashSet();
        Assert.Empty(endpoints.Except(rows));   // a new endpoint needs its row in this matrix
        Assert.Empty(rows.Except(endpoints));   // and a row names an endpoint that exists
    }

    [Fact]
    public async Task EveryEndpoint_ForEveryKindOfCaller_GivesTheOutcomeTheRulesDemand()
    {
        var world = await World.CreateAsync(app);
        var failures = new List<string>();
        var rows = Rows(world.DsPost);
        foreach (var row in rows)
            foreach (var actor in Enum.GetValues<Actor>())
            {
                var target = row.Setup == Setup.None ? world.Shared(actor) : await world.FreshAsync(actor, row.Setup);
                using var request = row.Request(target);
                var response = await world.Client(actor).SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var got = Classify(response.StatusCode, body);
                var expected = row.Expected(actor);
                // "Reached" asks only that the handler judged the request: a success satisfies it too.
                if (got != expected && !(expected == Outcome.Reached && got == Outcome.Ok)) failures.Add($"{row.Method} {row.Pattern} as {actor}: expected {expected}, got {(int)response.StatusCode} {Shorten(body)}");
            }
        foreach (var f in failures) output.WriteLine(f);
        Assert.True(failures.Count == 0, $"{failures.Count} of {rows.Count * Enum.GetValues<Actor>().Length} cases differ:\n" + string.Join("\n", failures));
    }

    /// <summary>
    /// The same rule for pages and downloads, signed in through the sign-in page (the administrator is left out here: pages
    /// ask them for a second factor first, and the API matrix shows they see files no differently from other employees).
    /// </summary>
    [Fact]
    public async Task FilePagesAndDownloads_FollowTheSameRule()
    {
        var world = await World.CreateAsync(app);
        var pages = new (string Name, Func<Case, string> Url)[]
        {
            ("file", c => $"/Files/View?id={c.File}"),
            ("receipt", c => $"/Receipts/View?id={c.Receipt}"),
            ("receipt document", c => $"/Files/Document?receipt={c.Receipt}&n=1"),
            ("note signature", c => $"/Files/NoteSignature?note={c.ClerkNote}"),
            ("note signature download", c => $"/Files/NoteSignature?note={c.ClerkNote}&part=cms"),
            ("print file", c => $"/Files/View?id={c.File}&handler=Print"),
            ("draft", c => $"/Letters/Draft?id={c.Dfa}"),
        };
        var failures = new List<string>();
        foreach (var actor in Enum.GetValues<Actor>().Where(a => a != Actor.Administrator))
        {
            var client = actor == Actor.Anonymous ? app.Browser() : await app.SignInAsync(Codes[actor]);
            foreach (var (name, url) in pages)
            {
                var response = await client.GetAsync(url(world.Shared(actor)));
                var got = (int)response.StatusCode switch
                {
                    200 => Outcome.Ok,
                    302 when response.Headers.Location?.OriginalString.Contains("/Account/SignIn", StringComparison.Ordinal) == true => Outcome.SignIn,
                    404 => Outcome.Hidden,
                    403 => Outcome.Refused,
                    _ => Outcome.Reached,
                };
                if (got != Viewer(actor)) failures.Add($"{name} page as {actor}: expected {Viewer(actor)}, got {(int)response.StatusCode}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string Shorten(string body) => body.Length > 160 ? body[..160] : body;

    /// <summary>409s that mean "not yours" (custody, authorship) are refusals; other 400s and 409s are judgements on the input.</summary>
    private static Outcome Classify(HttpStatusCode status, string body)
    {
        var code = "";
        try
        {
            if (body.StartsWith('{') && JsonDocument.Parse(body).RootElement.TryGetProperty("code", out var c)) code = c.GetString() ?? "";
        }
        catch (JsonException) { }
        return (int)status switch
        {
            >= 200 and < 300 => Outcome.Ok,
            401 => Outcome.SignIn,
            403 => Outcome.Refused,
            404 => Outcome.Hidden,
            409 when RefusalCodes.Contains(code) => Outcome.Refused,
            _ => Outcome.Reached,
        };
    }

    /// <summary>The error codes by which a handler says the caller is not the one who may do this.</summary>
    private static readonly HashSet<string> RefusalCodes = ["file_not_in_your_custody", "not_your_draft", "nothing_to_pull_back", "not_your_note", "forbidden"];

    private HashSet<string> ApiEndpoints()
    {
        var sources = app.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        return sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is null && e.Metadata.GetMetadata<CompiledPageActionDescriptor>() is null)
            .Where(e => e.RoutePattern.RawText is { } p && !p.StartsWith("/api/docs", StringComparison.Ordinal) && !p.StartsWith("/openapi", StringComparison.Ordinal)
                        && !p.StartsWith("/hubs", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {Normalise(e.RoutePattern.RawText!)}"))
            .ToHashSet();
    }

    private static string Normalise(string pattern) => "/" + pattern.Trim('/');

    /// <summary>The people, their clients, a shared file with a signed note for the read-only rows, and fresh files for the others.</summary>
    private sealed class World
    {
        private readonly DaftarFactory _app;
        private readonly Dictionary<Actor, HttpClient> _clients = [];
        private Case _shared = null!, _sharedConfidential = null!;
        public int DsPost { get; private set; }
        private int _soPost, _sharedPost, _employee, _office, _assignment, _credential;

        private World(DaftarFactory app) => _app = app;

        public HttpClient Client(Actor actor) => _clients[actor];

        public Case Shared(Actor actor) => actor == Actor.Outsider ? _sharedConfidential : _shared;

        public static async Task<World> CreateAsync(DaftarFactory app)
        {
            var w = new World(app);
            w._soPost = await app.PostIdAsync("SO-DOIT-GR1");
            w.DsPost = await app.PostIdAsync("DS-DOIT");
            w._sharedPost = await app.PostIdAsync("DS-GAD");
            w._clients[Actor.Anonymous] = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
            foreach (var (actor, code) in Codes) w._clients[actor] = await app.ApiClientAsync(code);
            // The programmer (another section) holds the SO's post as additional charge from today.
            var programmer = await app.EmployeeIdAsync(Codes[Actor.AdditionalCharge]);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            if (!await app.WithDbAsync(db => db.PostAssignments.AnyAsync(a => a.EmployeeId == programmer && a.PostId == w._soPost)))
                World.Ok(await w._clients[Actor.Administrator].PostAsJsonAsync($"/api/employees/{programmer}/assignments",
                    new AssignPostCommand(w._soPost, ChargeKind.AdditionalCharge, today.AddDays(-1), today.AddDays(30))));
            w._employee = await app.EmployeeIdAsync("RJ100006");
            (w._office, w._assignment) = await app.WithDbAsync(async db =>
            {
                var a = await db.PostAssignments.Where(x => x.Employee.Code == "RJ100006").Select(x => new { x.Id, x.Post.OfficeId }).FirstAsync();
                return (a.OfficeId, a.Id);
            });

            // A signed note for the signature rows: the clerk enrols, opens a session, signs the note the send confirmed.
            var clerk = w._clients[Actor.PreviousHolder];
            Assert.Equal(HttpStatusCode.Created, (await clerk.PostAsJsonAsync("/api/signing/enrol", new { pin = Pin, confirmPin = Pin, replace = true })).StatusCode);
            Assert.True((await clerk.PostAsJsonAsync("/api/signing/session", new { pin = Pin })).IsSuccessStatusCode);
            w._credential = await app.WithDbAsync(db => db.SigningCredentials.Where(c => c.Employee.Code == Demo.Clerk).OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync());
            // The section officer signs letters: enrolled with the same PIN.
            Assert.Equal(HttpStatusCode.Created, (await w._clients[Actor.Holder].PostAsJsonAsync("/api/signing/enrol", new { pin = Pin, confirmPin = Pin, replace = true })).StatusCode);
            w._shared = await w.IssuedAsync(await w.NewCaseAsync(confidential: false, Setup.Receipt | Setup.Approved | Setup.Meeting));
            w._sharedConfidential = await w.IssuedAsync(await w.NewCaseAsync(confidential: true, Setup.Receipt | Setup.Approved | Setup.Meeting));
            foreach (var c in new[] { w._shared, w._sharedConfidential })
                Assert.True((await clerk.PostAsJsonAsync($"/api/notes/{c.ClerkNote}/sign", new { pin = Pin })).IsSuccessStatusCode);
            w._wfh = await w.WorkFromHomeAsync();
            w._assets = await w.AssetsAsync(w._wfh.Item1);
            w._shared = w._shared with { Wfh = w._wfh, Assets = w._assets };
            w._sharedConfidential = w._sharedConfidential with { Wfh = w._wfh, Assets = w._assets };
            Assert.True((await clerk.DeleteAsync("/api/signing/session")).IsSuccessStatusCode);
            return w;
        }

        private (int, int, int, int, int, int) _wfh;
        private (int, int, int, int) _assets;

        /// <summary>The administrator registers a laptop of the office and issues it to the clerk; the clerk asks for a data card.</summary>
        private async Task<(int, int, int, int)> AssetsAsync(int office)
        {
            var admin = _clients[Actor.Administrator];
            var unique = Guid.NewGuid().ToString("N")[..8];   // the world is made once per test of this class
            var registered = await admin.PostAsJsonAsync("/api/assets", new { kind = "Laptop", make = "Dell", model = "Latitude 3440", serialNumber = $"MATRIX-SN-{unique}", tag = $"MATRIX-{unique}", officeId = office });
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
            var asset = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/assets/{asset}/issue", new { employeeCode = Demo.Clerk })).StatusCode);
            // One open request per kind: a second world of this class finds the first one's.
            var request = await _clients[Actor.PreviousHolder].PostAsJsonAsync("/api/equipment-requests", new { kind = "DataCard", reason = "Works from home 4 days a week; no connection at home." });
            var clerk = await _app.EmployeeIdAsync(Demo.Clerk);
            var requestId = request.StatusCode == HttpStatusCode.Created
                ? (await request.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32()
                : await _app.WithDbAsync(db => db.EquipmentRequests.Where(r => r.EmployeeId == clerk && r.Status == Daftar.Assets.RequestStatus.WithOfficer).Select(r => r.Id).SingleAsync());
            return (asset, requestId, office, clerk);
        }

        /// <summary>A draft roster of the IT department's office for next week (made by the administrator) and an exemption the clerk asked for.</summary>
        private async Task<(int, int, int, int, int, int)> WorkFromHomeAsync()
        {
            var office = await _app.WithDbAsync(db => db.Offices.Where(o => o.Code == "SECT-DOIT").Select(o => o.Id).SingleAsync());
            var task = await _app.WithDbAsync(db => db.WorkTasks.Where(t => t.Code == "SOFTWARE").Select(t => t.Id).SingleAsync());
            var monday = Daftar.WorkFromHome.RosterPlanner.WeekOf(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(5.5))).AddDays(7);
            var roster = await _clients[Actor.Administrator].PostAsJsonAsync("/api/work-from-home/rosters", new { officeId = office, from = monday, to = monday.AddDays(5) });
            Assert.Equal(HttpStatusCode.Created, roster.StatusCode);
            var exemption = await _clients[Actor.PreviousHolder].PostAsJsonAsync("/api/work-from-home/exemptions",
                new { reason = "Comorbidity", details = "Asthma", from = monday, to = monday.AddDays(30) });
            Assert.Equal(HttpStatusCode.Created, exemption.StatusCode);
            var report = await _clients[Actor.PreviousHolder].PostAsJsonAsync("/api/work-from-home/reports", new { text = "Drafted the reply on the e-Mitra file." });
            Assert.Equal(HttpStatusCode.OK, report.StatusCode);
            return (office, task, (await roster.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32(),
                (await exemption.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32(),
                (await report.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32(),
                await _app.WithDbAsync(db => db.Sections.Where(s => s.OfficeId == office).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync()));
        }

        public async Task<Case> FreshAsync(Actor actor, Setup setup)
        {
            var fresh = await NewCaseAsync(actor == Actor.Outsider, setup);
            return setup.HasFlag(Setup.Issued & ~Setup.Approved) ? await IssuedAsync(fresh) : fresh;
        }

        /// <summary>The case's approved draft issued as a signed letter, for the rows that read letters.</summary>
        private async Task<Case> IssuedAsync(Case c)
        {
            var issued = await _clients[Actor.Holder].PostAsJsonAsync($"/api/drafts/{c.Dfa}/issue", new { pin = Pin });
            Ok(issued);
            return c with { Letter = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32() };
        }

        private async Task<Case> NewCaseAsync(bool confidential, Setup setup)
        {
            var clerk = _clients[Actor.PreviousHolder];
            var so = _clients[Actor.Holder];
            var grading = confidential ? Daftar.Files.Grading.Confidential : Daftar.Files.Grading.Normal;
            var created = await clerk.PostAsJsonAsync("/api/files", new { subject = "Matrix file", headNumber = 12, category = "Procurement", grading });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var file = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            var note = (await (await clerk.PostAsJsonAsync($"/api/files/{file}/notes", new { text = "प्रस्ताव अवलोकनार्थ प्रस्तुत है।" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            var other = (await (await so.PostAsJsonAsync("/api/files", new { subject = "Related file", headNumber = 12, category = "Procurement" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            var dfa = 0;
            if (setup.HasFlag(Setup.Dfa & ~Setup.Fresh))
            {
                var started = await clerk.PostAsJsonAsync($"/api/files/{file}/drafts", new { kind = 1, language = 1, subject = "अनुमोदनार्थ प्रारूप", body = "पत्र का पाठ।" });
                Ok(started);
                dfa = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            }
            Ok(await clerk.PostAsJsonAsync($"/api/files/{file}/send", new { toPostId = _soPost, remarks = "please see" }));
            if (setup.HasFlag(Setup.Approved & ~Setup.Dfa)) Ok(await so.PostAsJsonAsync($"/api/drafts/{dfa}/approve", new { version = 1 }));

            var draft = 0;
            if (setup.HasFlag(Setup.HolderDraft & ~Setup.Fresh))
                draft = (await (await so.PostAsJsonAsync($"/api/files/{file}/notes", new { text = "Draft of the holder." })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            if (setup.HasFlag(Setup.Parked & ~Setup.Fresh)) Ok(await so.PostAsJsonAsync($"/api/files/{file}/park", new { remarks = "later" }));
            if (setup.HasFlag(Setup.Closed & ~Setup.Fresh)) Ok(await so.PostAsJsonAsync($"/api/files/{file}/close", new { remarks = "done" }));
            if (setup.HasFlag(Setup.Document & ~Setup.Fresh)) Ok(await so.SendAsync(Upload($"/api/files/{file}/documents", ("title", "Reply"))));
            if (setup.HasFlag(Setup.Linked & ~Setup.Fresh)) Ok(await so.PostAsJsonAsync($"/api/files/{file}/links", new { file = other.ToString(), remarks = "related" }));
            if (setup.HasFlag(Setup.Shared & ~Setup.Fresh) && !confidential) Ok(await so.PostAsJsonAsync($"/api/files/{file}/shares", new { postId = _sharedPost }));

            var receipt = 0;
            if (setup.HasFlag(Setup.Receipt & ~Setup.Fresh))
            {
                using var diarise = Upload("/api/receipts", ("sender", "जिला कलेक्टर"), ("subject", "Matrix receipt"), ("mode", "Post"), ("grading", grading.ToString()));
                var r = await clerk.SendAsync(diarise);
                Assert.Equal(HttpStatusCode.Created, r.StatusCode);
                receipt = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
                Ok(await clerk.PostAsJsonAsync($"/api/receipts/{receipt}/send", new { toPostId = _soPost, remarks = "please see" }));
            }
            var token = 0;
            if (setup.HasFlag(Setup.Token & ~Setup.Fresh))
                token = (await (await clerk.PostAsJsonAsync("/api/me/tokens", new { name = "to revoke", days = 1 })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            var c = new Case(file, note, draft, other, receipt, _employee, _soPost, _office, _assignment, _sharedPost, _credential, token, dfa) { Wfh = _wfh };
            return setup.HasFlag(Setup.Meeting & ~Setup.Fresh) ? await MeetingAsync(c) : c;
        }

        /// <summary>A meeting chaired and organised by the SO's post (so the additional-charge holder manages it too), with the
        /// ASO's and the clerk's posts invited; its first day is over (held), and the clerk's post has an action item.</summary>
        private async Task<Case> MeetingAsync(Case c)
        {
            var so = _clients[Actor.Holder];
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(5.5));
            var aso = await _app.PostIdAsync("ASO-DOIT-GR1");
            var ldc = await _app.PostIdAsync("LDC-DOIT-GR1");
            var created = await so.PostAsJsonAsync("/api/meetings", new
            {
                title = "Matrix review",
                purpose = 1,
                chairPostId = _soPost,
                firstDay = today.AddDays(-1),
                startTime = "00:05",
                durationMinutes = 30,
                recurrence = 1,
                until = today.AddDays(3),
                postIds = new[] { aso, ldc },
                agenda = new[] { new { title = "Item" } },
                notify = false
            });
            Ok(created);
            var meeting = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            var document = new ByteArrayContent(Pdf);
            document.Headers.ContentType = new("application/pdf");
            Ok(await so.PutAsync($"/api/meetings/{meeting}/agenda/1", new MultipartFormDataContent { { document, "file", "agenda.pdf" } }));
            var occurrences = await _app.WithDbAsync(db => db.MeetingOccurrences.Where(o => o.MeetingId == meeting).OrderBy(o => o.Number).Select(o => o.Id).ToListAsync());
            Ok(await so.PutAsJsonAsync($"/api/occurrences/{occurrences[0]}/minutes", new { body = "Minutes." }));
            var action = await so.PostAsJsonAsync($"/api/meetings/{meeting}/actions", new { text = "Do it", assigneePostId = ldc, dueOn = today.AddDays(5) });
            Ok(action);
            return c with { Meeting = meeting, Occurrence = occurrences[0], Action = (await action.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32() };
        }

        public static void Ok(HttpResponseMessage response) =>
            Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().Result}");
    }
}
