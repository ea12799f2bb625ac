using Daftar.People;
using Daftar.Web.Features.Files;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.FileProviders;
using L = Microsoft.Extensions.Localization.IStringLocalizer<Daftar.Web.SharedResource>;

namespace Daftar.Web.Features.Meetings;

public sealed record HandCommand(long ParticipantId, bool Raise = true);

/// <summary>Your personal calendar feed (a secret address: keep it to yourself).</summary>
public sealed record CalendarFeedAnswer(string Url);

public static class MeetingsModule
{
    public static IServiceCollection AddMeetings(this IServiceCollection services, IConfiguration config)
    {
        if (config.GetValue("Meetings:FollowUp", true)) services.AddHostedService<MeetingFollowUp>();
        services.AddSingleton<MeetingSettings>();
        services.AddSingleton<VideoSettings>();
        services.AddSingleton<RoomPresence>();
        services.AddHttpClient<JanusClient>(c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddHttpClient("janus-proxy", c => c.Timeout = TimeSpan.FromSeconds(75));
        services.AddScoped<MeetingAccess>();
        services.AddScoped<MeetingPlanning>();
        services.AddScoped<MeetingQueries>();
        services.AddScoped<ScheduleMeeting>();
        services.AddScoped<ChangeMeeting>();
        services.AddScoped<AssignAgendaItem>();
        services.AddScoped<CancelMeeting>();
        services.AddScoped<OccurrenceChange>();
        services.AddScoped<CancelOccurrence>();
        services.AddScoped<MoveOccurrence>();
        services.AddScoped<Invitations>();
        services.AddScoped<VideoRooms>();
        services.AddScoped<JoinRoom>();
        services.AddScoped<JoinAsGuest>();
        services.AddScoped<RoomStanding>();
        services.AddScoped<RaiseHand>();
        services.AddScoped<ModerateRoom>();
        services.AddScoped<EndRoom>();
        services.AddScoped<AttendanceQueries>();
        services.AddScoped<MinutesQueries>();
        services.AddScoped<SaveMinutes>();
        services.AddScoped<SignMinutes>();
        services.AddScoped<ActionItemAccess>();
        services.AddScoped<AssignAction>();
        services.AddScoped<ReportActionProgress>();
        services.AddScoped<LinkActionFile>();
        services.AddScoped<OpenActionFile>();
        services.AddScoped<ActionQueries>();
        services.AddScoped<ReviewDashboard>();
        services.AddScoped<CalendarFeeds>();
        services.AddSingleton<MeetingMail>();
        services.AddHostedService(sp => sp.GetRequiredService<MeetingMail>());
        return services;
    }

    public static void MapMeetingsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("Meetings");
        g.MapPost("/meetings", async (MeetingCommand cmd, ScheduleMeeting h, L l, CancellationToken ct) =>
                (await h.HandleAsync(cmd, ct)).ToHttp(l, id => Results.Created($"/api/meetings/{id}", new IdAnswer(id))))
            .Produces<IdAnswer>(StatusCodes.Status201Created)
            .WithSummary("Schedules a meeting or a recurring review (daily, every other day, weekly on chosen days, until a date); invites posts by name or by rule, and guests by e-mail.");
        g.MapGet("/meetings", async (DateOnly? from, DateOnly? to, MeetingQueries h, L l, CancellationToken ct) => (await h.MineAsync(from, to, ct)).ToHttp(l, Results.Ok))
            .Produces<IReadOnlyList<MyOccurrence>>()
            .WithSummary("Your meetings' occurrences between two days (default: the next 30 days).");
        g.MapGet("/meetings/{id:int}", async (int id, MeetingQueries h, L l, CancellationToken ct) => (await h.GetAsync(id, ct)).ToHttp(l, Results.Ok))
            .Produces<MeetingView>()
            .WithSummary("A meeting: schedule, agenda, rules, invitees, occurrences.");
        g.MapPut("/meetings/{id:int}", async (int id, MeetingCommand cmd, ChangeMeeting h, L l, CancellationToken ct) => (await h.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Changes a meeting (organiser or chair); invitees get an iCalendar update, removed ones a cancellation.");
        g.MapPost("/meetings/{id:int}/cancel", async (int id, CancelMeeting h, L l, CancellationToken ct) => (await h.HandleAsync(id, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Cancels the whole meeting or series.");
        g.MapGet("/meetings/{id:int}/ics", async (int id, MeetingQueries h, Invitations inv, MeetingSettings s, MeetingMail mail, Daftar.Data.DaftarDb db, L l, CancellationToken ct) =>
            {
                var seen = await h.GetAsync(id, ct);
                if (!seen.Succeeded) return seen.ToHttp(l, Results.Ok);
                var m = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                    Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.Include(db.Meetings, x => x.Occurrences), x => x.Id == id, ct);
                var ics = MeetingCalendar.Invitation(m, "PUBLISH", mail.From, [], inv.MeetingUrl(id), s.Zone, s.ReminderBefore);
                return Results.File(System.Text.Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", $"meeting-{id}.ics");
            })
            .Produces(StatusCodes.Status200OK, typeof(Stream), "text/calendar")
            .WithSummary("The meeting as an iCalendar file, to add to any calendar.");
        g.MapPut("/meetings/{id:int}/agenda/{order:int}", async (int id, int order, IFormFile? file, [FromForm] int? ownerPostId, AssignAgendaItem h, L l, CancellationToken ct) =>
                (await h.HandleAsync(id, order, ownerPostId, file is null ? null : new UploadedDocument(file.FileName, file.OpenReadStream), ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .DisableAntiforgery()
            .WithSummary("Sets an agenda item's owner post and attaches its document (multipart: optional 'file' — PDF, JPEG, PNG, TIFF — and 'ownerPostId').");
        g.MapGet("/meetings/{id:int}/agenda/{order:int}/document", async (int id, int order, MeetingQueries h, CancellationToken ct) =>
                await h.AgendaDocumentAsync(id, order, ct) is { } doc ? Results.File(doc.Content, doc.ContentType, doc.FileName) : Results.Problem(statusCode: StatusCodes.Status404NotFound))
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/pdf", "image/jpeg", "image/png", "image/tiff")
            .WithSummary("An agenda item's document.");
        g.MapPost("/occurrences/{id:int}/cancel", async (int id, CancelOccurrence h, L l, CancellationToken ct) => (await h.HandleAsync(id, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Cancels one occurrence of a series.");
        g.MapPost("/occurrences/{id:int}/move", async (int id, MoveOccurrenceCommand cmd, MoveOccurrence h, L l, CancellationToken ct) => (await h.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Moves one occurrence to another day or time; the series keeps its rule.");
        g.MapPost("/meetings/rules/preview", async (RuleInput rule, MeetingQueries h, L l, CancellationToken ct) => (await h.PreviewAsync(rule, ct)).ToHttp(l, Results.Ok))
            .Produces<RulePreview>()
            .WithSummary("The posts a participant rule invites today (office type, under an office, designation, department), before anything is sent.");

        g.MapPost("/occurrences/{id:int}/join", async (int id, JoinRoom h, L l, CancellationToken ct) => (await h.HandleAsync(id, ct)).ToHttp(l, Results.Ok))
            .Produces<JoinInfo>()
            .WithSummary("A join token for the video room: only for invited posts' holders, the organiser and the chair.");
        g.MapGet("/occurrences/{id:int}/room", async (int id, long participantId, RoomStanding h, L l, CancellationToken ct) => (await h.OfficerAsync(id, participantId, ct)).ToHttp(l, Results.Ok))
            .Produces<RoomState>()
            .WithSummary("Your standing in the room (may speak, removed, hand up); the chair also gets who is in it.");
        g.MapPost("/occurrences/{id:int}/hand", async (int id, HandCommand cmd, RaiseHand h, L l, CancellationToken ct) => (await h.HandleAsync(id, cmd.ParticipantId, cmd.Raise, ct)).ToHttp(l, Results.Ok))
            .Produces<RoomState>()
            .WithSummary("Raises or lowers your hand.");
        g.MapPost("/occurrences/{id:int}/moderate", async (int id, ModerateCommand cmd, ModerateRoom h, L l, CancellationToken ct) => (await h.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("The chair's controls: action promote, demote, mute, unmute or remove, for one participant.");
        g.MapPost("/occurrences/{id:int}/end", async (int id, EndRoom h, L l, CancellationToken ct) => (await h.HandleAsync(id, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Ends the meeting for everyone: the room is torn down.");
        g.MapGet("/occurrences/{id:int}/attendance", async (int id, AttendanceQueries h, L l, CancellationToken ct) => (await h.OccurrenceAsync(id, ct)).ToHttp(l, Results.Ok))
            .Produces<OccurrenceAttendance>()
            .WithSummary("Who was in the room and when, as Janus listed them; and who was invited and did not come.");
        g.MapGet("/occurrences/{id:int}/attendance/export", async (int id, AttendanceQueries h, L l, CancellationToken ct) =>
                (await h.OccurrenceAsync(id, ct)).ToHttp(l, a => Results.File(AttendanceQueries.Csv(a), "text/csv; charset=utf-8", $"attendance-{id}.csv")))
            .Produces(StatusCodes.Status200OK, typeof(Stream), "text/csv")
            .WithSummary("The attendance of one occurrence as CSV.");
        g.MapGet("/meetings/{id:int}/attendance", async (int id, AttendanceQueries h, L l, CancellationToken ct) => (await h.SeriesAsync(id, ct)).ToHttp(l, Results.Ok))
            .Produces<SeriesAttendance>()
            .WithSummary("Attendance over a series: for each invited post, occurrences held and attended.");
        g.MapGet("/meetings/{id:int}/attendance/export", async (int id, AttendanceQueries h, L l, CancellationToken ct) =>
                (await h.SeriesAsync(id, ct)).ToHttp(l, a => Results.File(AttendanceQueries.Csv(a), "text/csv; charset=utf-8", $"attendance-series-{id}.csv")))
            .Produces(StatusCodes.Status200OK, typeof(Stream), "text/csv")
            .WithSummary("Series attendance as CSV.");

        g.MapGet("/occurrences/{id:int}/minutes", async (int id, MinutesQueries h, L l, CancellationToken ct) =>
                (await h.GetAsync(id, ct)).ToHttp(l, m => m is null ? Results.Problem(statusCode: StatusCodes.Status404NotFound) : Results.Ok(m)))
            .Produces<MinutesView>()
            .WithSummary("The minutes of an occurrence.");
        g.MapPut("/occurrences/{id:int}/minutes", async (int id, MinutesCommand cmd, SaveMinutes h, L l, CancellationToken ct) => (await h.HandleAsync(id, cmd, ct)).ToHttp(l, Results.Ok))
            .Produces<MinutesView>()
            .WithSummary("Drafts or revises the minutes (organiser or chair) until they are signed.");
        g.MapPost("/occurrences/{id:int}/minutes/sign", async (int id, SignMinutesCommand cmd, SignMinutes h, L l, CancellationToken ct) => (await h.HandleAsync(id, cmd, ct)).ToHttp(l, Results.Ok))
            .Produces<MinutesView>()
            .WithSummary("Signs the minutes: the chair first (renders and freezes them), then any other participant.");
        g.MapGet("/occurrences/{id:int}/minutes/pdf", async (int id, MinutesQueries h, CancellationToken ct) =>
                await h.PdfAsync(id, ct) is { } pdf ? Results.File(pdf.Content, "application/pdf", pdf.FileName) : Results.Problem(statusCode: StatusCodes.Status404NotFound))
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/pdf")
            .WithSummary("The signed minutes as PDF.");

        g.MapPost("/meetings/{id:int}/actions", async (int id, ActionItemCommand cmd, AssignAction h, L l, CancellationToken ct) =>
                (await h.HandleAsync(id, cmd, ct)).ToHttp(l, aid => Results.Created($"/api/actions/{aid}", new IdAnswer(aid))))
            .Produces<IdAnswer>(StatusCodes.Status201Created)
            .WithSummary("Assigns an action item to a post with a due date (organiser or chair).");
        g.MapGet("/meetings/{id:int}/actions", async (int id, ActionQueries h, L l, CancellationToken ct) => (await h.ListAsync(id, false, ct)).ToHttp(l, Results.Ok))
            .Produces<IReadOnlyList<ActionItemView>>()
            .WithSummary("A meeting's action items.");
        g.MapGet("/actions", async (bool? overdue, ActionQueries h, L l, CancellationToken ct) => (await h.ListAsync(null, overdue == true, ct)).ToHttp(l, Results.Ok))
            .Produces<IReadOnlyList<ActionItemView>>()
            .WithSummary("Action items assigned to your posts.");
        g.MapPost("/actions/{id:int}/updates", async (int id, ActionUpdateCommand cmd, ReportActionProgress h, L l, CancellationToken ct) => (await h.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Reports progress on an action item: status (Open, InProgress, Done, Dropped) and a remark.");
        g.MapPost("/actions/{id:int}/link", async (int id, LinkActionFileCommand cmd, LinkActionFile h, L l, CancellationToken ct) => (await h.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Links an e-file you can see to an action item.");
        g.MapPost("/actions/{id:int}/file", async (int id, CreateFileCommand cmd, OpenActionFile h, L l, CancellationToken ct) =>
                (await h.HandleAsync(id, cmd, ct)).ToHttp(l, fid => Results.Created($"/api/files/{fid}", new IdAnswer(fid))))
            .Produces<IdAnswer>(StatusCodes.Status201Created)
            .WithSummary("Opens a new e-file for the action item (the assigned post) and links it.");
        g.MapGet("/dashboards/reviews", async (int officeId, OfficeType? level, DateOnly? from, DateOnly? to, ReviewDashboard h, L l, CancellationToken ct) =>
                (await h.HandleAsync(officeId, level, from, to, ct)).ToHttp(l, Results.Ok))
            .Produces<Dashboard>()
            .WithSummary("The review dashboard for a level under an office: attendance rate, open and overdue action items per office.");
        g.MapPost("/me/calendar-feed", async (CalendarFeeds feeds, People.CurrentOfficer current, CancellationToken ct) =>
                await current.GetAsync(ct) is { } o ? Results.Ok(new CalendarFeedAnswer(await feeds.ResetAsync(o.AccountId, ct))) : Results.Forbid())
            .Produces<CalendarFeedAnswer>()
            .WithSummary("Makes (or replaces) your personal calendar feed URL; the old one stops working.");
    }

    /// <summary>Anonymous endpoints: the calendar feed (its secret is the key), Janus through Daftar, janus.js and adapter.js from Debian.</summary>
    public static void MapMeetingsPublic(this WebApplication app)
    {
        app.MapGet("/calendar/{secret}.ics", async (string secret, CalendarFeeds feeds, CancellationToken ct) =>
                secret.Length is > 10 and < 100 && await feeds.FeedAsync(secret, ct) is { } ics
                    ? Results.Text(ics, "text/calendar; charset=utf-8")
                    : Results.NotFound())
            .AllowAnonymous().RequireRateLimiting("verify").ExcludeFromDescription();

        // The browser speaks to Janus through Daftar's own origin (the page's CSP allows nothing else); Janus itself
        // refuses any request without a token Daftar signed, so the relay needs no sign-in of its own (guests use it).
        // What reaches Janus unauthenticated is cut to the one request that starts a session: "create" with a token,
        // limited per client address; "info" (Janus's version, plugins and internal addresses) is never relayed.
        app.MapPost("/rtc/{server}", (HttpContext ctx, string server, VideoSettings video, IHttpClientFactory clients) =>
                JanusRelay.RelayAsync(ctx, server, null, video, clients))
            .AllowAnonymous().DisableAntiforgery().RequireRateLimiting("rtc-session").ExcludeFromDescription();
        app.Map("/rtc/{server}/{**path}", (HttpContext ctx, string server, string? path, VideoSettings video, IHttpClientFactory clients, Daftar.Data.DaftarDb db) =>
                string.IsNullOrEmpty(path) ? Task.FromResult(Results.StatusCode(405)) : JanusRelay.RelayAsync(ctx, server, path, video, clients, db))
            .AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();

        foreach (var (folder, path) in new[] { ("/usr/share/javascript/janus-gateway", "/lib/janus"), ("/usr/share/javascript/webrtc-adapter", "/lib/adapter") })
        {
            if (Directory.Exists(folder))
                app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(folder), RequestPath = path });
        }
    }
}
