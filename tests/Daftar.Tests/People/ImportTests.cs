using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Daftar.People;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.People.Import;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Daftar.Tests.People;

public class ImportTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    private const string Header = "employee_code,name_en,name_hi,email,mobile,post_code,charge,from_date,to_date,designation_code,office_code,section_code,reports_to";

    private async Task<ImportReport> ImportAsync(string csv, ImportMode mode = ImportMode.AllOrNothing, string fileName = "employees.csv")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<EmployeeImporter>();
        return await importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), fileName, mode, null, CancellationToken.None);
    }

    [Fact]
    public async Task Csv_CreatesEmployeesAndPosts_ThenReimportUpdatesByEmployeeCode()
    {
        var csv = $"""
            {Header}
            RJ300001,Kamlesh Kumar Meena,कमलेश कुमार मीणा,kamlesh@rajasthan.example,9414000001,GVA-NEW-1,primary,2026-04-01,,GVA,GP-MUHANA,,BDO-SANGANER
            RJ300002,"Sharma, Renu",रेनू शर्मा,,,GVA-NEW-1,additional,01-05-2026,,,,,
            RJ300003,Farukh Khan,फारुख खान,,,,,,,,,,
            """;
        var report = await ImportAsync(csv);
        Assert.True(report.Applied, string.Join("; ", report.Errors.Select(e => $"{e.Row}/{e.Column}: {e.Message}")));
        Assert.Equal((3, 0, 2, 1), (report.Created, report.Updated, report.PostingsAdded, report.PostsCreated));

        var post = await app.WithDbAsync(db => db.Posts.Include(p => p.Assignments).ThenInclude(a => a.Employee).Include(p => p.ReportsTo).SingleAsync(p => p.Code == "GVA-NEW-1"));
        Assert.Equal("BDO-SANGANER", post.ReportsTo!.Code);
        Assert.Equal(2, post.Assignments.Count);
        Assert.Equal(new DateOnly(2026, 5, 1), post.Assignments.Single(a => a.Kind == ChargeKind.AdditionalCharge).From);

        var again = await ImportAsync($"{Header}\nRJ300003,Farukh Khan Pathan,फारुख खान पठान,farukh@rajasthan.example,,,,,,,,,");
        Assert.Equal((0, 1), (again.Created, again.Updated));
        var updated = await app.WithDbAsync(db => db.Employees.SingleAsync(e => e.Code == "RJ300003"));
        Assert.Equal("Farukh Khan Pathan", updated.NameEn);
        Assert.Equal("farukh@rajasthan.example", updated.Email);
    }

    [Fact]
    public async Task BadRow_AllOrNothing_ChangesNothing_AndNamesRowAndColumn()
    {
        var before = await app.WithDbAsync(db => db.Employees.CountAsync());
        var csv = $"""
            {Header}
            RJ400001,Good Person,अच्छा व्यक्ति,,,,,,,,,,
            RJ400002,Bad Mobile,गलत मोबाइल,,12345,,,,,,,,
            RJ400003,,बिना नाम,not-an-email,,NO-SUCH-POST,sometimes,2026-13-40,,,,,
            RJ400001,Duplicate,दोहराव,,,,,,,,,,
            RJ400004,English In Hindi Column,Not Hindi,,,,,,,,,,
            """;
        var report = await ImportAsync(csv);
        Assert.False(report.Applied);
        Assert.Equal(before, await app.WithDbAsync(db => db.Employees.CountAsync()));
        Assert.Contains(report.Errors, e => e is { Row: 3, Column: "mobile" });
        Assert.Contains(report.Errors, e => e is { Row: 4, Column: "name_en" });
        Assert.Contains(report.Errors, e => e is { Row: 4, Column: "email" });
        Assert.Contains(report.Errors, e => e is { Row: 4, Column: "post_code" });
        Assert.Contains(report.Errors, e => e is { Row: 4, Column: "charge" });
        Assert.Contains(report.Errors, e => e is { Row: 4, Column: "from_date" });
        Assert.Contains(report.Errors, e => e is { Row: 5, Column: "employee_code" });
        Assert.Contains(report.Errors, e => e is { Row: 6, Column: "name_hi" });
        Assert.DoesNotContain(report.Errors, e => e.Row == 2);
        Assert.Contains("Nothing was imported", report.Summary(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task BadRow_ValidRowsMode_ImportsTheOthers()
    {
        var report = await ImportAsync($"{Header}\nRJ500001,Valid One,सही एक,,,,,,,,,,\nRJ500002,Bad,खराब,,99,,,,,,,,", ImportMode.ValidRows);
        Assert.True(report.Applied);
        Assert.Equal(1, report.Created);
        Assert.Equal(1, report.RowsWithErrors);
        Assert.True(await app.WithDbAsync(db => db.Employees.AnyAsync(e => e.Code == "RJ500001")));
        Assert.False(await app.WithDbAsync(db => db.Employees.AnyAsync(e => e.Code == "RJ500002")));
    }

    [Fact]
    public async Task TwoRegularHoldersOfOnePost_InOneFile_AreRefused()
    {
        var report = await ImportAsync($"{Header}\nRJ600001,First,पहला,,,SHO-GOVINDGARH,,,,,,,\nRJ600002,Second,दूसरा,,,COLL-JPR,,,,,,,");
        Assert.False(report.Applied);
        Assert.Contains(report.Errors, e => e is { Row: 2, Column: "post_code" });
        Assert.Contains(report.Errors, e => e is { Row: 3, Column: "post_code" });
    }

    [Fact]
    public async Task MissingColumnsUnknownColumnsAndWrongFileTypes_AreReportedForTheWholeFile()
    {
        var missing = await ImportAsync("employee_code,name_en\nRJ1,X");
        Assert.Contains(missing.Errors, e => e is { Row: null, Column: "name_hi" });
        var unknown = await ImportAsync("employee_code,name_en,name_hi,salary\nRJ1,X,क,100");
        Assert.Contains(unknown.Errors, e => e is { Row: null, Column: "salary" });
        var pdf = await ImportAsync("%PDF-1.7", fileName: "employees.pdf");
        Assert.Equal("Only .csv and .xlsx files can be imported.", Assert.Single(pdf.Errors).Message);
        var notExcel = await ImportAsync("this is not a zip", fileName: "employees.xlsx");
        Assert.Equal("The file is not a valid Excel (.xlsx) workbook.", Assert.Single(notExcel.Errors).Message);
        var empty = await ImportAsync("");
        Assert.False(empty.Applied);
    }

    [Fact]
    public async Task Excel_IsReadLikeCsv_IncludingDatesStoredAsDayNumbers()
    {
        var xlsx = Workbook(
            ["employee_code", "name_en", "name_hi", "post_code", "charge", "from_date"],
            ["RJ700001", "Savitri Devi", "सावित्री देवी", "PATWARI-MUHANA", "additional", 46113.0]);
        await using var scope = app.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<EmployeeImporter>()
            .ImportAsync(new MemoryStream(xlsx), "master.xlsx", ImportMode.AllOrNothing, null, CancellationToken.None);
        Assert.True(report.Applied, string.Join("; ", report.Errors.Select(e => $"{e.Row}/{e.Column}: {e.Message}")));
        var posting = await app.WithDbAsync(db => db.PostAssignments.Include(a => a.Employee).SingleAsync(a => a.Employee.Code == "RJ700001"));
        Assert.Equal(new DateOnly(2026, 4, 1), posting.From);
        Assert.Equal(ChargeKind.AdditionalCharge, posting.Kind);
        Assert.Equal("सावित्री देवी", posting.Employee.NameHi);
    }

    [Fact]
    public async Task TenThousandRows_AreImported()
    {
        var csv = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < 10_000; i++)
            csv.Append(CultureInfo.InvariantCulture, $"RJ8{i:D5},Employee {i},कार्मिक {i},e{i}@rajasthan.example,94{i:D8},P-BULK-{i},primary,2026-04-01,,LDC,DIST-JPR,GEN,UDC-JPR-GEN\n");
        var report = await ImportAsync(csv.ToString());
        Assert.True(report.Applied);
        Assert.Equal((10_000, 10_000, 10_000), (report.Created, report.PostingsAdded, report.PostsCreated));
        Assert.Equal(10_000, await app.WithDbAsync(db => db.Posts.CountAsync(p => p.Code.StartsWith("P-BULK-"))));
    }

    [Fact]
    public async Task Api_Import_ReturnsTheReport_AndRefusesNonAdministrators()
    {
        var admin = await app.ApiClientAsync(Demo.Admin);
        var bad = await admin.PostAsync("/api/imports/employees", Multipart($"{Header}\nRJ900001,X,,,,,,,,,,,"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var good = await admin.PostAsync("/api/imports/employees", Multipart($"{Header}\nRJ900001,Api Person,एपीआई व्यक्ति,,,,,,,,,,"));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(1, (await good.Content.ReadFromJsonAsync<ImportReport>())!.Created);
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsync("/api/imports/employees", Multipart(Header))).StatusCode);
    }

    [Fact]
    public async Task ImportErrors_AreFormattedWithTheirValues_OnTheCommandLineAndInTheApi_InTheCallersLanguage()
    {
        var csv = $"{Header}\nRJ920001,Bad Mail,गलत मेल,nope,,,,,,NO-SUCH-DESIGNATION,,,";
        var path = Path.Combine(app.DataPath, "bad-master.csv");
        await File.WriteAllTextAsync(path, csv);
        var output = new StringWriter();
        var errors = new StringWriter();
        _ = app.Server;
        var code = await Daftar.Web.AdminCommands.RunAsync(["import", path, $"--Database:Provider={TestDatabase.Provider}", $"--Database:ConnectionString={app.ConnectionString}",
            $"--Daftar:DataPath={app.DataPath}"], output, errors);
        Assert.NotEqual(0, code);
        Assert.Contains("row 2, column email:", errors.ToString());
        Assert.Contains("is not a valid e-mail address", errors.ToString());
        Assert.DoesNotContain("{0}", errors.ToString());

        var admin = await app.ApiClientAsync(Demo.Admin);
        var english = await admin.PostAsync("/api/imports/employees", Multipart(csv));
        var englishText = await english.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, english.StatusCode);
        Assert.Contains("is not a valid e-mail address", englishText);
        Assert.DoesNotContain("{0}", englishText);

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/imports/employees") { Content = Multipart(csv) };
        request.Headers.AcceptLanguage.ParseAdd("hi");
        var hindi = await admin.SendAsync(request);
        var problem = await hindi.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var messages = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()!).ToList();
        Assert.All(messages, m => Assert.Matches(@"\p{IsDevanagari}", m));
        Assert.All(messages, m => Assert.DoesNotContain("{0}", m));
        Assert.Contains(messages, m => m.Contains("nope") || m.Contains("ई-मेल"));
    }

    [Fact]
    public async Task Page_Import_ShowsProgressThenTheErrorsOfABadRow()
    {
        var admin = await app.SignInAsync(Demo.Admin);
        var page = await DaftarFactory.PageAsync(admin, "/People/Admin/Import");
        var token = page.QuerySelector("form[enctype] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("AllOrNothing"), "Mode" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes($"{Header}\nRJ910001,Page Person,पेज व्यक्ति,,,,,,,,,,\nRJ910002,Bad Email,गलत ईमेल,nope,,,,,,,,,"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Upload", "master.csv");
        var started = await admin.PostAsync("/People/Admin/Import", form);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var jobUrl = started.Headers.Location!.OriginalString;
        Assert.Contains("job=", jobUrl);

        AngleSharp.Html.Dom.IHtmlDocument status;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            status = await DaftarFactory.PageAsync(admin, jobUrl);
            if (status.QuerySelector("#import-result") is not null) break;
            await Task.Delay(100);
        } while (DateTime.UtcNow < deadline);
        Assert.Equal("100", status.QuerySelector("progress")!.GetAttribute("value"));
        Assert.Contains("Nothing was imported", status.QuerySelector("#import-result")!.TextContent);
        var row = status.QuerySelectorAll("#import-errors tbody tr").Single();
        Assert.Equal("3", row.Children[0].TextContent);
        Assert.Equal("email", row.Children[1].TextContent);
        Assert.False(await app.WithDbAsync(db => db.Employees.AnyAsync(e => e.Code == "RJ910001")));

        var other = await app.SignInAsync("RJ100009");
        Assert.NotEqual(HttpStatusCode.OK, (await other.GetAsync(jobUrl)).StatusCode);
    }

    private static MultipartFormDataContent Multipart(string csv)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "employees.csv");
        return content;
    }

    /// <summary>A one-sheet workbook: text as shared strings, numbers as numbers (the way Excel stores dates).</summary>
    public static byte[] Workbook(params object[][] rows)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var data = new SheetData();
            var shared = new List<string>();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{r + 1}";
                    if (rows[r][c] is double number)
                        row.Append(new Cell { CellReference = reference, CellValue = new CellValue(number), StyleIndex = 1 });
                    else
                    {
                        shared.Add((string)rows[r][c]);
                        strings.SharedStringTable.Append(new SharedStringItem(new DocumentFormat.OpenXml.Spreadsheet.Text((string)rows[r][c])));
                        row.Append(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(shared.Count - 1) });
                    }
                }
                data.Append(row);
            }
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Employees" }));
        }
        return stream.ToArray();
    }
}
