using System.Threading.RateLimiting;
using Daftar.Accounts;
using Daftar.Data;
using Daftar.Web.Features.Account;
using Daftar.Web.Features.Api;
using Daftar.Web.Features.Assets;
using Daftar.Web.Features.Demo;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.Letters;
using Daftar.Web.Features.Me;
using Daftar.Web.Features.Meetings;
using Daftar.Web.Features.Notifications;
using Daftar.Web.Features.People;
using Daftar.Web.Features.Receipts;
using Daftar.Web.Features.Search;
using Daftar.Web.Features.Signing;
using Daftar.Web.Features.WorkFromHome;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web;

/// <summary>Wires the application together: one place to read how a request is served.</summary>
public static class DaftarApp
{
    public static void AddDaftar(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var urls = Environment.GetEnvironmentVariable("DAFTAR_URLS");
        if (!string.IsNullOrWhiteSpace(urls)) builder.WebHost.UseUrls(urls);
        else if (string.IsNullOrEmpty(config["urls"]) && string.IsNullOrEmpty(config["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls("http://127.0.0.1:5080");

        builder.Services.AddDaftarServices(config);
        if (config.GetValue("Audit:SealInBackground", true)) builder.Services.AddHostedService<AuditSealerService>();
        builder.Services.AddHostedService<SignInCacheRefresh>();

        builder.Services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            o.Conventions.AuthorizeFolder("/");
            foreach (var page in new[] { "/Account/SignIn", "/Account/TwoFactor", "/Account/Recovery", "/Account/SignOut", "/Account/Language", "/Account/AccessDenied" })
                o.Conventions.AllowAnonymousToPage(page);
            o.Conventions.AuthorizeFolder("/People/Admin", Policies.Administrator);
            o.Conventions.AuthorizeFolder("/Signing/Admin", Policies.Administrator);
            o.Conventions.AllowAnonymousToPage("/Error");
            o.Conventions.AllowAnonymousToPage("/Signing/Authorities");
            o.Conventions.AllowAnonymousToPage("/Verify/Index");
            o.Conventions.AllowAnonymousToPage("/Meetings/Guest");
        })
        // No client-side validation script is shipped (the server checks every form), and the hidden placeholder it
        // needs — <li style="display:none"> in every empty validation summary — is an inline style the CSP refuses.
        .AddViewOptions(o => o.HtmlHelperOptions.ClientValidationEnabled = false)
        .AddViewLocalization()
        .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(SharedResource)));
        builder.Services.AddOptions<Microsoft.AspNetCore.Mvc.MvcOptions>()
            .Configure<Microsoft.Extensions.Localization.IStringLocalizerFactory>((o, f) => o.ModelBindingMessageProvider.UseLocalisedMessages(f));

        builder.Services.AddProblemDetails();
        builder.Services.AddUnreadableRequestProblems();
        builder.Services.AddDaftarOpenApi();
        // Enums travel as their names ("Urgent", not 2), in answers and in the OpenAPI document; numbers are still read.
        // Numbers are numbers: a client sends 12, not "12" (the web defaults read both, which made every integer in the
        // OpenAPI document "integer or string" and every generated client's ids loose objects).
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });

        // Sign-in attempts per client address per minute; account lockout stops guessing one account, this stops spraying many.
        var signInLimit = config.GetValue("Daftar:SignInAttemptsPerMinute", 30);
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy("sign-in", ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = signInLimit, Window = TimeSpan.FromMinutes(1) }));
            // The public TSA signs for anyone: a generous limit per address stops one client from using it as a CPU sink.
            // The public verification page checks signatures for anyone: enough for every citizen with a letter, not for a scraper.
            o.AddPolicy("verify", ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = config.GetValue("Daftar:VerificationsPerMinute", 30), Window = TimeSpan.FromMinutes(1) }));
            // Sessions started on the video server through the relay, per address: enough for an office behind one address.
            o.AddPolicy("rtc-session", ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = config.GetValue("Meetings:VideoSessionsPerMinute", 120), Window = TimeSpan.FromMinutes(1) }));
            o.AddPolicy("tsa", ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = config.GetValue("Signing:TsaRequestsPerMinute", 600), Window = TimeSpan.FromMinutes(1) }));
        });
    }

    private const string ByPath = "Daftar";

    public static void AddDaftarServices(this IServiceCollection services, IConfiguration config)
    {
        OfficeTime.Use(config["Daftar:TimeZone"]);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => DatabaseSettings.From(config));
        services.AddScoped<AuditActor>();
        services.AddSingleton<AuditInterceptor>();
        services.AddSingleton<SignInCache>();
        services.AddSingleton<SignInChanges>();
        services.AddScoped<AuditChain>();
        services.AddScoped<RunningNumbers>();
        // Contexts come from a pool, configured once (ADR 0019): building the options and EF's services for every
        // request cost about a tenth of a file send's CPU. The request's services hand out a leased context, bound to
        // the request's actor; disposing the scope returns it.
        services.AddPooledDbContextFactory<DaftarDb>((sp, o) =>
        {
            sp.GetRequiredService<DatabaseSettings>().Configure(o);
            o.AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<SignInChanges>());
        });
        services.AddScoped(sp =>
        {
            var db = sp.GetRequiredService<IDbContextFactory<DaftarDb>>().CreateDbContext();
            sp.GetRequiredService<AuditInterceptor>().Lease(db, sp.GetRequiredService<AuditActor>());
            sp.GetRequiredService<SignInChanges>().Lease(db);
            return db;
        });
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddHttpContextAccessor();
        // Hindi text goes out as UTF-8, not as numeric character references (a third of the bytes, and readable).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

        services.AddIdentity<Account, IdentityRole<int>>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireDigit = true;
                // Locks only after wrong two-factor codes (which needs the password); wrong passwords slow, not lock (SignInThrottle).
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                // "Confirmed" means the employee is active (ActiveEmployeeConfirmation): an inactive one cannot sign in.
                o.SignIn.RequireConfirmedAccount = true;
            })
            .AddEntityFrameworkStores<DaftarDb>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneTimeAuthenticatorCodes>(TokenOptions.DefaultAuthenticatorProvider)
            .AddClaimsPrincipalFactory<DaftarClaimsFactory>()
            .AddErrorDescriber<LocalisedIdentityErrors>();
        services.AddScoped<IUserConfirmation<Account>, ActiveEmployeeConfirmation>();
        // A password change or a revoked 2FA must end sessions elsewhere quickly, not after the default 30 minutes.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromSeconds(config.GetValue("Daftar:SessionRecheckSeconds", 60));
            // The re-issued principal must remember that the session passed two-factor sign-in, and which session it is.
            o.OnRefreshingPrincipal = ctx =>
            {
                if (ctx.NewPrincipal?.Identity is not System.Security.Claims.ClaimsIdentity identity) return Task.CompletedTask;
                foreach (var type in new[] { "amr", DaftarClaims.SessionId })
                {
                    if (ctx.CurrentPrincipal?.FindFirst(type) is { } claim && !identity.HasClaim(type, claim.Value))
                        identity.AddClaim(new System.Security.Claims.Claim(type, claim.Value));
                }
                return Task.CompletedTask;
            };
        });
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/SignIn";
            o.LogoutPath = "/Account/SignOut";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "daftar.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // The cookie names a server-side session (SignInSessions): signing out, the idle time and the absolute
            // lifetime end it there, whatever copies of the cookie exist.
            o.ExpireTimeSpan = SignInSessions.LimitsFrom(config).Absolute;
            o.SlidingExpiration = false;
            var stampCheck = o.Events.OnValidatePrincipal;
            o.Events.OnSigningIn = ctx => ctx.HttpContext.RequestServices.GetRequiredService<SignInSessions>().OnSigningInAsync(ctx);
            o.Events.OnValidatePrincipal = async ctx =>
            {
                await stampCheck(ctx);
                if (ctx.Principal is not null) await ctx.HttpContext.RequestServices.GetRequiredService<SignInSessions>().ValidateAsync(ctx);
            };
        });
        services.AddSingleton(SignInSessions.LimitsFrom(config));
        services.AddScoped<SignInSessions>();
        services.AddSingleton<TokenFailures>();
        services.AddSingleton<SignInThrottle>();
        // Pages are signed in by cookie, the API by bearer token, chosen by path: an API request that reaches an endpoint
        // without its own policy (the 415 of a wrong content type, say) is then answered as an API request, not
        // redirected to the sign-in page.
        services.AddAuthentication(o =>
            {
                o.DefaultAuthenticateScheme = ByPath;
                o.DefaultChallengeScheme = ByPath;
                o.DefaultForbidScheme = ByPath;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null)
            .AddPolicyScheme(ByPath, "Cookie for pages, bearer token for /api", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Path.StartsWithSegments("/api") ? ApiTokenHandler.SchemeName : IdentityConstants.ApplicationScheme);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Administrator, p => p.RequireRole(Roles.Administrator).RequireClaim("amr", "mfa"))
            .AddPolicy(Policies.Api, p => p.AddAuthenticationSchemes(ApiTokenHandler.SchemeName).RequireAuthenticatedUser())
            // Administration through the API needs a token made with a fresh authenticator code, as pages need two-factor sign-in.
            .AddPolicy(Policies.ApiAdministrator, p => p.AddAuthenticationSchemes(ApiTokenHandler.SchemeName).RequireRole(Roles.Administrator).RequireClaim("amr", "mfa"));
        // Style sheets, scripts and API answers travel compressed (a home connection, a phone). Pages do not: they carry
        // an antiforgery token beside text a visitor can choose, which is what BREACH needs; static files and JSON do not.
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.MimeTypes = ["text/css", "text/javascript", "application/javascript", "application/json", "application/problem+json", "image/svg+xml"];
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
        });
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
        services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "daftar.af";
            o.HeaderName = "X-CSRF-TOKEN";
        });

        services.AddSingleton<MailSender>();
        // One warm Chromium per node, started on the first letter; Daftar runs without it and says so where letters are made.
        services.AddSingleton(_ => new Daftar.Signing.PdfRenderer(Daftar.Signing.PdfRenderer.FindChromium(config["Pdf:Chromium"]), config.GetValue("Pdf:Tabs", 2)));

        // Each business area registers its own handlers and background work, the same way (docs/adr/0025).
        services
            .AddPeople(config)
            .AddAccount(config)
            .AddMe(config)
            .AddNotifications(config)
            .AddFiles(config)
            .AddReceipts(config)
            .AddSearch(config)
            .AddSigning(config)
            .AddLetters(config)
            .AddMeetings(config)
            .AddWorkFromHome(config)
            .AddAssets(config)
            .AddDemo(config);
    }

    public static void UseDaftar(this WebApplication app)
    {
        app.UseServerTiming();
        // Behind nginx (several nodes), the client's address and scheme come from X-Forwarded-For/-Proto, but only when
        // sent by a proxy the operator named (Daftar:TrustedProxies, comma-separated addresses): anyone else could forge them.
        if (app.Configuration["Daftar:TrustedProxies"] is { Length: > 0 } proxies)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto };
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            app.UseForwardedHeaders(forwarded);
        }
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            // The API answers a failure in ProblemDetails too (the error page is for people); what failed was not saved.
            app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), api => api.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandler = ctx => Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Something went wrong on the server.",
                    detail: "Nothing was saved. Try again; if it keeps happening, tell the IT cell the time it happened.").ExecuteAsync(ctx),
            }));
            app.UseHsts();
        }
        app.UseStatusCodePages(async ctx =>
        {
            // The API answers in ProblemDetails; pages keep the plain status page.
            if (ctx.HttpContext.Request.Path.StartsWithSegments("/api"))
                await Results.Problem(statusCode: ctx.HttpContext.Response.StatusCode).ExecuteAsync(ctx.HttpContext);
        });
        app.UseUnreadableRequestProblems();
        app.UseSecurityHeaders();
        app.UseRequestLocalization(o =>
        {
            o.SetDefaultCulture(Localisation.English.Name);
            o.SupportedCultures = Localisation.Supported;
            o.SupportedUICultures = Localisation.Supported;
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new Localisation.AcceptLanguageProvider()];
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
        });
        app.UseResponseCompression();
        app.UseStaticFiles(new StaticFileOptions
        {
            // Pages ask for style sheets and scripts with their version in the address (asp-append-version): a browser may
            // keep those for a year without asking again; a new version is a new address.
            OnPrepareResponse = ctx =>
            {
                if (ctx.Context.Request.Query.ContainsKey("v")) ctx.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            },
        });
        app.MapMeetingsPublic();
        // The API reference is public, like the OpenAPI document it shows; it is served before sign-in is asked for.
        app.UseApiReference();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<SignInRequirements>();
        app.UseAuthorization();

        app.MapGet("/healthz", async (DaftarDb db, CancellationToken ct) =>
            await db.Database.CanConnectAsync(ct) ? Results.Text("ok") : Results.Text("database unreachable", statusCode: 503))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapRazorPages();
        app.MapNotificationsPublic();
        app.MapSigningPublic();

        var api = app.MapGroup("/api").RequireAuthorization(Policies.Api).WithTags("Daftar").AnswersProblems();
        api.MapMeApi();
        api.MapPeopleApi();
        api.MapFilesApi();
        api.MapLettersApi();
        api.MapReceiptsApi();
        api.MapSearchApi();
        api.MapMeetingsApi();
        api.MapSigningApi();
        api.MapWorkFromHomeApi();
        api.MapAssetsApi();
        // Anything else under /api is a 404 in ProblemDetails (the status code pages above), not a page. No catch-all route:
        // it would win over an endpoint that refuses the request's content type, turning a 415 into a 404.
    }
}
