using Daftar.Accounts;
using Daftar.Data;
using Daftar.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Demo;

/// <summary>
/// A Rajasthan-like demo organisation: the Secretariat with six departments, Jaipur division and district
/// down to gram panchayats, and the police from headquarters down to police stations. Seeded once.
/// </summary>
public sealed class DemoOrganisation(DaftarDb db, IPasswordHasher<Daftar.Accounts.Account> hasher, TimeProvider clock)
{
    public const string DemoPassword = "Daftar@2026";
    public const string AdminEmployeeCode = "RJ100014";

    private static readonly (string Code, string En, string Hi, string Head)[] DepartmentRows =
    [
        ("GAD", "General Administration Department", "सामान्य प्रशासन विभाग", "GAD"),
        ("DOIT", "Department of Information Technology & Communication", "सूचना प्रौद्योगिकी एवं संचार विभाग", "DOIT"),
        ("HOME", "Home Department (Police)", "गृह विभाग (पुलिस)", "HOME"),
        ("RDPR", "Rural Development & Panchayati Raj Department", "ग्रामीण विकास एवं पंचायती राज विभाग", "RDPR"),
        ("REV", "Revenue Department", "राजस्व विभाग", "REV"),
        ("MH", "Medical & Health Department", "चिकित्सा एवं स्वास्थ्य विभाग", "MH"),
    ];

    private static readonly (string Code, string En, string Hi, OfficeType Type, string Dept, string? Parent)[] OfficeRows =
    [
        ("SECT-GAD", "Government Secretariat, Jaipur", "शासन सचिवालय, जयपुर", OfficeType.Secretariat, "GAD", null),
        ("SECT-DOIT", "DoIT&C, Secretariat", "सूचना प्रौद्योगिकी एवं संचार विभाग, सचिवालय", OfficeType.Secretariat, "DOIT", "SECT-GAD"),
        ("SECT-HOME", "Home Department, Secretariat", "गृह विभाग, सचिवालय", OfficeType.Secretariat, "HOME", "SECT-GAD"),
        ("SECT-RDPR", "RD & PR Department, Secretariat", "ग्रामीण विकास एवं पंचायती राज विभाग, सचिवालय", OfficeType.Secretariat, "RDPR", "SECT-GAD"),
        ("SECT-REV", "Revenue Department, Secretariat", "राजस्व विभाग, सचिवालय", OfficeType.Secretariat, "REV", "SECT-GAD"),
        ("SECT-MH", "Medical & Health Department, Secretariat", "चिकित्सा एवं स्वास्थ्य विभाग, सचिवालय", OfficeType.Secretariat, "MH", "SECT-GAD"),
        ("DIR-MH", "Directorate of Medical & Health Services", "निदेशालय चिकित्सा एवं स्वास्थ्य सेवाएँ", OfficeType.Directorate, "MH", "SECT-MH"),
        ("CMHO-JPR", "CMHO Office, Jaipur", "मुख्य चिकित्सा एवं स्वास्थ्य अधिकारी कार्यालय, जयपुर", OfficeType.District, "MH", "DIR-MH"),
        ("DIV-JPR", "Divisional Commissioner, Jaipur", "संभागीय आयुक्त कार्यालय, जयपुर", OfficeType.Division, "REV", "SECT-REV"),
        ("DIST-JPR", "Collectorate, Jaipur", "जिला कलेक्टर कार्यालय, जयपुर", OfficeType.District, "REV", "DIV-JPR"),
        ("SD-SANGANER", "SDO Office, Sanganer", "उपखण्ड अधिकारी कार्यालय, सांगानेर", OfficeType.SubDivision, "REV", "DIST-JPR"),
        ("SD-CHAKSU", "SDO Office, Chaksu", "उपखण्ड अधिकारी कार्यालय, चाकसू", OfficeType.SubDivision, "REV", "DIST-JPR"),
        ("BLK-SANGANER", "Panchayat Samiti, Sanganer", "पंचायत समिति, सांगानेर", OfficeType.Block, "RDPR", "SD-SANGANER"),
        ("BLK-CHAKSU", "Panchayat Samiti, Chaksu", "पंचायत समिति, चाकसू", OfficeType.Block, "RDPR", "SD-CHAKSU"),
        ("GP-MUHANA", "Gram Panchayat, Muhana", "ग्राम पंचायत, मुहाना", OfficeType.GramPanchayat, "RDPR", "BLK-SANGANER"),
        ("GP-GONER", "Gram Panchayat, Goner", "ग्राम पंचायत, गोनेर", OfficeType.GramPanchayat, "RDPR", "BLK-SANGANER"),
        ("GP-KOTKHAWDA", "Gram Panchayat, Kotkhawda", "ग्राम पंचायत, कोटखावदा", OfficeType.GramPanchayat, "RDPR", "BLK-CHAKSU"),
        ("GP-SHIVDASPURA", "Gram Panchayat, Shivdaspura", "ग्राम पंचायत, शिवदासपुरा", OfficeType.GramPanchayat, "RDPR", "BLK-CHAKSU"),
        ("PHQ", "Police Headquarters, Jaipur", "पुलिस मुख्यालय, जयपुर", OfficeType.PoliceHeadquarters, "HOME", "SECT-HOME"),
        ("RANGE-JPR", "Jaipur Range", "जयपुर रेंज", OfficeType.PoliceRange, "HOME", "PHQ"),
        ("DP-JPR-RURAL", "District Police, Jaipur Rural", "जिला पुलिस, जयपुर ग्रामीण", OfficeType.DistrictPolice, "HOME", "RANGE-JPR"),
        ("CIR-CHAKSU", "Circle Chaksu", "वृत्त चाकसू", OfficeType.PoliceCircle, "HOME", "DP-JPR-RURAL"),
        ("CIR-CHOMU", "Circle Chomu", "वृत्त चौमूं", OfficeType.PoliceCircle, "HOME", "DP-JPR-RURAL"),
        ("PS-CHAKSU", "Police Station Chaksu", "पुलिस थाना चाकसू", OfficeType.PoliceStation, "HOME", "CIR-CHAKSU"),
        ("PS-KOTKHAWDA", "Police Station Kotkhawda", "पुलिस थाना कोटखावदा", OfficeType.PoliceStation, "HOME", "CIR-CHAKSU"),
        ("PS-CHOMU", "Police Station Chomu", "पुलिस थाना चौमूं", OfficeType.PoliceStation, "HOME", "CIR-CHOMU"),
        ("PS-GOVINDGARH", "Police Station Govindgarh", "पुलिस थाना गोविंदगढ़", OfficeType.PoliceStation, "HOME", "CIR-CHOMU"),
    ];

    private static readonly (string Office, string Code, string En, string Hi)[] SectionRows =
    [
        ("SECT-GAD", "GR-1", "General Group 1", "सामान्य समूह-1"),
        ("SECT-GAD", "CAB", "Cabinet Section", "मंत्रिमंडल अनुभाग"),
        ("SECT-DOIT", "GR-1", "General Group 1", "सामान्य समूह-1"),
        ("SECT-DOIT", "EGOV", "e-Governance Section", "ई-गवर्नेंस अनुभाग"),
        ("SECT-HOME", "GR-1", "Police Group 1", "पुलिस समूह-1"),
        ("SECT-RDPR", "GR-1", "Panchayati Raj Group 1", "पंचायती राज समूह-1"),
        ("SECT-REV", "GR-1", "Revenue Group 1", "राजस्व समूह-1"),
        ("SECT-MH", "GR-1", "Medical Group 1", "चिकित्सा समूह-1"),
        ("DIST-JPR", "GEN", "General Branch", "सामान्य शाखा"),
        ("DIST-JPR", "LR", "Land Records Branch", "भू-अभिलेख शाखा"),
    ];

    private static readonly (string Code, string En, string Hi, int Level)[] DesignationRows =
    [
        ("CS", "Chief Secretary", "मुख्य सचिव", 1),
        ("ACS", "Additional Chief Secretary", "अतिरिक्त मुख्य सचिव", 2),
        ("PS", "Principal Secretary", "प्रमुख शासन सचिव", 2),
        ("DGP", "Director General of Police", "पुलिस महानिदेशक", 2),
        ("JS", "Joint Secretary", "संयुक्त शासन सचिव", 4),
        ("DS", "Deputy Secretary", "उप शासन सचिव", 5),
        ("SO", "Section Officer", "अनुभागाधिकारी", 6),
        ("ASO", "Assistant Section Officer", "सहायक अनुभागाधिकारी", 7),
        ("UDC", "Senior Assistant", "वरिष्ठ सहायक", 8),
        ("LDC", "Junior Assistant", "कनिष्ठ सहायक", 9),
        ("ITNO", "IT Nodal Officer (Analyst-cum-Programmer)", "आईटी नोडल अधिकारी (विश्लेषक-सह-प्रोग्रामर)", 6),
        ("PROG", "Programmer", "प्रोग्रामर", 7),
        ("DIR", "Director", "निदेशक", 4),
        ("CMHO", "Chief Medical & Health Officer", "मुख्य चिकित्सा एवं स्वास्थ्य अधिकारी", 5),
        ("DIVCOM", "Divisional Commissioner", "संभागीय आयुक्त", 3),
        ("COLL", "District Collector", "जिला कलेक्टर", 4),
        ("ADM", "Additional District Collector", "अतिरिक्त जिला कलेक्टर", 5),
        ("SDO", "Sub-Divisional Officer", "उपखण्ड अधिकारी", 6),
        ("TEH", "Tehsildar", "तहसीलदार", 7),
        ("BDO", "Block Development Officer", "विकास अधिकारी (पंचायत समिति)", 7),
        ("GVA", "Gram Vikas Adhikari", "ग्राम विकास अधिकारी", 9),
        ("PATWARI", "Patwari", "पटवारी", 10),
        ("IGP", "Inspector General of Police", "पुलिस महानिरीक्षक", 3),
        ("SP", "Superintendent of Police", "पुलिस अधीक्षक", 4),
        ("CO", "Circle Officer", "वृत्ताधिकारी", 6),
        ("SHO", "Station House Officer", "थानाधिकारी", 7),
    ];

    // Post code, designation, office, section, reports to, holder (employee code, English name, Hindi name); a null holder leaves the post vacant.
    private static readonly (string Code, string Desig, string Office, string? Section, string? ReportsTo, string? Emp, string? En, string? Hi)[] PostRows =
    [
        ("CS", "CS", "SECT-GAD", null, null, "RJ100001", "Sudhir Kumar Sharma", "सुधीर कुमार शर्मा"),
        ("PS-GAD", "PS", "SECT-GAD", null, "CS", "RJ100002", "Kavita Singh", "कविता सिंह"),
        ("DS-GAD", "DS", "SECT-GAD", "GR-1", "PS-GAD", "RJ100003", "Rajendra Prasad Meena", "राजेन्द्र प्रसाद मीणा"),
        ("SO-GAD-GR1", "SO", "SECT-GAD", "GR-1", "DS-GAD", "RJ100004", "Mahesh Chand Gupta", "महेश चन्द गुप्ता"),
        ("ASO-GAD-GR1", "ASO", "SECT-GAD", "GR-1", "SO-GAD-GR1", "RJ100005", "Sunita Kumari", "सुनीता कुमारी"),
        ("LDC-GAD-GR1", "LDC", "SECT-GAD", "GR-1", "ASO-GAD-GR1", "RJ100006", "Ramesh Chand Saini", "रमेश चन्द सैनी"),
        ("SO-GAD-CAB", "SO", "SECT-GAD", "CAB", "DS-GAD", "RJ100007", "Pooja Rathore", "पूजा राठौड़"),
        ("ACS-DOIT", "ACS", "SECT-DOIT", null, "CS", "RJ100008", "Alok Gupta", "आलोक गुप्ता"),
        ("JS-DOIT", "JS", "SECT-DOIT", null, "ACS-DOIT", "RJ100009", "Neha Agarwal", "नेहा अग्रवाल"),
        ("DS-DOIT", "DS", "SECT-DOIT", "GR-1", "JS-DOIT", "RJ100010", "Vikram Singh Shekhawat", "विक्रम सिंह शेखावत"),
        ("SO-DOIT-GR1", "SO", "SECT-DOIT", "GR-1", "DS-DOIT", "RJ100011", "Anita Choudhary", "अनीता चौधरी"),
        ("ASO-DOIT-GR1", "ASO", "SECT-DOIT", "GR-1", "SO-DOIT-GR1", "RJ100012", "Manoj Kumar Jangid", "मनोज कुमार जांगिड़"),
        ("LDC-DOIT-GR1", "LDC", "SECT-DOIT", "GR-1", "ASO-DOIT-GR1", "RJ100013", "Priyanka Sharma", "प्रियंका शर्मा"),
        ("ITNO-DOIT", "ITNO", "SECT-DOIT", "EGOV", "JS-DOIT", "RJ100014", "Ankit Mathur", "अंकित माथुर"),
        ("PROG-DOIT", "PROG", "SECT-DOIT", "EGOV", "ITNO-DOIT", "RJ100015", "Deepak Soni", "दीपक सोनी"),
        ("ACS-HOME", "ACS", "SECT-HOME", null, "CS", "RJ100016", "Anand Kumar", "आनन्द कुमार"),
        ("DS-HOME", "DS", "SECT-HOME", "GR-1", "ACS-HOME", "RJ100017", "Sarita Yadav", "सरिता यादव"),
        ("SO-HOME-GR1", "SO", "SECT-HOME", "GR-1", "DS-HOME", "RJ100018", "Bhanwar Lal Jat", "भंवर लाल जाट"),
        ("ASO-HOME-GR1", "ASO", "SECT-HOME", "GR-1", "SO-HOME-GR1", "RJ100019", "Kamla Devi", "कमला देवी"),
        ("LDC-HOME-GR1", "LDC", "SECT-HOME", "GR-1", "ASO-HOME-GR1", "RJ100020", "Sanjay Kumawat", "संजय कुमावत"),
        ("PS-RDPR", "PS", "SECT-RDPR", null, "CS", "RJ100021", "Manju Rajpal", "मंजू राजपाल"),
        ("DS-RDPR", "DS", "SECT-RDPR", "GR-1", "PS-RDPR", "RJ100022", "Hemant Kumar Bairwa", "हेमन्त कुमार बैरवा"),
        ("SO-RDPR-GR1", "SO", "SECT-RDPR", "GR-1", "DS-RDPR", "RJ100023", "Gopal Lal Sharma", "गोपाल लाल शर्मा"),
        ("LDC-RDPR-GR1", "LDC", "SECT-RDPR", "GR-1", "SO-RDPR-GR1", "RJ100024", "Rekha Verma", "रेखा वर्मा"),
        ("PS-REV", "PS", "SECT-REV", null, "CS", "RJ100025", "Dinesh Kumar Goyal", "दिनेश कुमार गोयल"),
        ("DS-REV", "DS", "SECT-REV", "GR-1", "PS-REV", "RJ100026", "Shweta Khandelwal", "श्वेता खंडेलवाल"),
        ("SO-REV-GR1", "SO", "SECT-REV", "GR-1", "DS-REV", "RJ100027", "Prakash Chand Regar", "प्रकाश चन्द रेगर"),
        ("ASO-REV-GR1", "ASO", "SECT-REV", "GR-1", "SO-REV-GR1", "RJ100028", "Mamta Kanwar", "ममता कंवर"),
        ("ACS-MH", "ACS", "SECT-MH", null, "CS", "RJ100029", "Shubhra Tiwari", "शुभ्रा तिवारी"),
        ("DS-MH", "DS", "SECT-MH", "GR-1", "ACS-MH", "RJ100030", "Naresh Kumar Thakral", "नरेश कुमार ठकराल"),
        ("SO-MH-GR1", "SO", "SECT-MH", "GR-1", "DS-MH", "RJ100031", "Suman Lata", "सुमन लता"),
        ("LDC-MH-GR1", "LDC", "SECT-MH", "GR-1", "SO-MH-GR1", "RJ100032", "Ashok Kumar Bunkar", "अशोक कुमार बुनकर"),
        ("DIR-MH", "DIR", "DIR-MH", null, "ACS-MH", "RJ100033", "Dr. Ravi Prakash Mathur", "डॉ. रवि प्रकाश माथुर"),
        ("CMHO-JPR", "CMHO", "CMHO-JPR", null, "DIR-MH", "RJ100034", "Dr. Vijay Singh Fauzdar", "डॉ. विजय सिंह फौजदार"),
        ("LDC-CMHO-JPR", "LDC", "CMHO-JPR", null, "CMHO-JPR", "RJ100035", "Lalita Meghwal", "ललिता मेघवाल"),
        ("DIVCOM-JPR", "DIVCOM", "DIV-JPR", null, "PS-REV", "RJ100036", "Rashmi Gupta", "रश्मि गुप्ता"),
        ("COLL-JPR", "COLL", "DIST-JPR", null, "DIVCOM-JPR", "RJ100037", "Prakash Rajpurohit", "प्रकाश राजपुरोहित"),
        ("ADM-JPR", "ADM", "DIST-JPR", "GEN", "COLL-JPR", "RJ100038", "Sushil Kumar Bishnoi", "सुशील कुमार बिश्नोई"),
        ("UDC-JPR-GEN", "UDC", "DIST-JPR", "GEN", "ADM-JPR", "RJ100039", "Om Prakash Prajapat", "ओम प्रकाश प्रजापत"),
        ("LDC-JPR-GEN", "LDC", "DIST-JPR", "GEN", "UDC-JPR-GEN", "RJ100040", "Kiran Nagar", "किरण नागर"),
        ("UDC-JPR-LR", "UDC", "DIST-JPR", "LR", "ADM-JPR", "RJ100041", "Jagdish Prasad Khatik", "जगदीश प्रसाद खटीक"),
        ("SDO-SANGANER", "SDO", "SD-SANGANER", null, "COLL-JPR", "RJ100042", "Arpita Sonkar", "अर्पिता सोनकर"),
        ("SDO-CHAKSU", "SDO", "SD-CHAKSU", null, "COLL-JPR", null, null, null),
        ("TEH-SANGANER", "TEH", "SD-SANGANER", null, "SDO-SANGANER", "RJ100043", "Ramkishan Gurjar", "रामकिशन गुर्जर"),
        ("TEH-CHAKSU", "TEH", "SD-CHAKSU", null, "SDO-CHAKSU", "RJ100044", "Hanuman Sahay Meena", "हनुमान सहाय मीणा"),
        ("PATWARI-MUHANA", "PATWARI", "SD-SANGANER", null, "TEH-SANGANER", "RJ100045", "Mukesh Kumar Yadav", "मुकेश कुमार यादव"),
        ("PATWARI-KOTKHAWDA", "PATWARI", "SD-CHAKSU", null, "TEH-CHAKSU", "RJ100046", "Santosh Kanwar", "संतोष कंवर"),
        ("BDO-SANGANER", "BDO", "BLK-SANGANER", null, "COLL-JPR", "RJ100047", "Rajkumar Dhaka", "राजकुमार ढाका"),
        ("BDO-CHAKSU", "BDO", "BLK-CHAKSU", null, "COLL-JPR", "RJ100048", "Seema Beniwal", "सीमा बेनीवाल"),
        ("GVA-MUHANA", "GVA", "GP-MUHANA", null, "BDO-SANGANER", "RJ100049", "Kailash Chand Berwa", "कैलाश चन्द बेरवा"),
        ("GVA-GONER", "GVA", "GP-GONER", null, "BDO-SANGANER", "RJ100050", "Geeta Saini", "गीता सैनी"),
        ("GVA-KOTKHAWDA", "GVA", "GP-KOTKHAWDA", null, "BDO-CHAKSU", "RJ100051", "Shankar Lal Mali", "शंकर लाल माली"),
        ("GVA-SHIVDASPURA", "GVA", "GP-SHIVDASPURA", null, "BDO-CHAKSU", null, null, null),
        ("DGP", "DGP", "PHQ", null, "ACS-HOME", "RJ100052", "Umesh Mishra", "उमेश मिश्रा"),
        ("IGP-JPR", "IGP", "RANGE-JPR", null, "DGP", "RJ100053", "Hawa Singh Ghumaria", "हवा सिंह घुमरिया"),
        ("SP-JPR-RURAL", "SP", "DP-JPR-RURAL", null, "IGP-JPR", "RJ100054", "Rashi Dogra Dudi", "राशि डोगरा डूडी"),
        ("CO-CHAKSU", "CO", "CIR-CHAKSU", null, "SP-JPR-RURAL", "RJ100055", "Devendra Singh Rajawat", "देवेन्द्र सिंह राजावत"),
        ("CO-CHOMU", "CO", "CIR-CHOMU", null, "SP-JPR-RURAL", "RJ100056", "Rajesh Kumar Jangra", "राजेश कुमार जांगड़ा"),
        ("SHO-CHAKSU", "SHO", "PS-CHAKSU", null, "CO-CHAKSU", "RJ100057", "Ramavtar Meena", "रामावतार मीणा"),
        ("SHO-KOTKHAWDA", "SHO", "PS-KOTKHAWDA", null, "CO-CHAKSU", "RJ100058", "Sushila Bishnoi", "सुशीला बिश्नोई"),
        ("SHO-CHOMU", "SHO", "PS-CHOMU", null, "CO-CHOMU", "RJ100059", "Narendra Singh Chauhan", "नरेन्द्र सिंह चौहान"),
        ("SHO-GOVINDGARH", "SHO", "PS-GOVINDGARH", null, "CO-CHOMU", "RJ100060", "Bhagwan Sahay Sharma", "भगवान सहाय शर्मा"),
    ];

    // Vacant posts are looked after by a nearby officer as additional charge.
    private static readonly (string Employee, string Post)[] AdditionalCharges =
    [
        ("RJ100042", "SDO-CHAKSU"),
        ("RJ100051", "GVA-SHIVDASPURA"),
    ];

    public sealed record Outcome(bool Seeded, int Employees, IReadOnlyList<(string Code, string Name, string Post, bool Admin)> Accounts);

    /// <summary>Seeds the organisation if the database has none yet; running it again changes nothing.</summary>
    public async Task<Outcome> SeedAsync(CancellationToken ct = default)
    {
        if (await db.Departments.AnyAsync(ct))
            return new Outcome(false, await db.Employees.CountAsync(ct), []);

        var now = clock.GetUtcNow();
        var today = OfficeTime.DateOf(now);
        var postingStart = new DateOnly(today.Year - 1, 4, 1);

        var departments = DepartmentRows.ToDictionary(d => d.Code, d => new Department(d.Code, d.En, d.Hi, d.Head));
        db.Departments.AddRange(departments.Values);

        var offices = new Dictionary<string, Office>();
        foreach (var o in OfficeRows)
            offices[o.Code] = new Office(o.Code, o.En, o.Hi, o.Type, departments[o.Dept], o.Parent is null ? null : offices[o.Parent]);
        db.Offices.AddRange(offices.Values);

        var sections = SectionRows.ToDictionary(s => (s.Office, s.Code), s => new Section(offices[s.Office], s.Code, s.En, s.Hi));
        db.Sections.AddRange(sections.Values);

        // Every department starts with the common heads of the file classification, and one of its own.
        foreach (var (code, department) in departments)
        {
            db.FileHeads.Add(new Daftar.Files.FileHead(department, 1, "General administration", "सामान्य प्रशासन"));
            db.FileHeads.Add(new Daftar.Files.FileHead(department, 2, "Establishment", "स्थापना"));
            var (number, en, hi) = code switch
            {
                "DOIT" => (12, "e-Governance", "ई-गवर्नेंस"),
                "HOME" => (7, "Law and order", "कानून व्यवस्था"),
                "RDPR" => (9, "Rural development schemes", "ग्रामीण विकास योजनाएँ"),
                "REV" => (5, "Land records", "भू-अभिलेख"),
                "MH" => (8, "Public health", "जन स्वास्थ्य"),
                _ => (3, "Coordination", "समन्वय"),
            };
            db.FileHeads.Add(new Daftar.Files.FileHead(department, number, en, hi));
        }

        // Field offices (collectorate branches aside) have one general section, so every post can diarise and open files.
        foreach (var office in offices.Values.Where(o => SectionRows.All(r => r.Office != o.Code)))
            sections[(office.Code, "GEN")] = new Section(office, "GEN", "General Section", "सामान्य अनुभाग");
        db.Sections.AddRange(sections.Values.Where(s => s.Code == "GEN" && SectionRows.All(r => r.Office != s.Office.Code)));

        var designations = DesignationRows.ToDictionary(d => d.Code, d => new Designation(d.Code, d.En, d.Hi, d.Level));
        db.Designations.AddRange(designations.Values);

        var posts = new Dictionary<string, Post>();
        var employees = new Dictionary<string, Employee>();
        var accounts = new List<(string, string, string, bool)>();
        // The demo password is the same for every demo account and printed on start, so one hash serves them all.
        var passwordHash = hasher.HashPassword(new Daftar.Accounts.Account(), DemoPassword);
        var adminRole = await EnsureRoleAsync(Roles.Administrator, ct);

        foreach (var p in PostRows)
        {
            var office = offices[p.Office];
            // Secretariat officers above the section level sit in no section; in field offices everyone is in the general section.
            var section = p.Section is not null ? sections[(p.Office, p.Section)] : sections.GetValueOrDefault((p.Office, "GEN"));
            if (section is not null && p.Office.StartsWith("SECT-", StringComparison.Ordinal) && p.Section is null) section = null;
            var post = new Post(p.Code, designations[p.Desig], office,
                section,
                p.ReportsTo is null ? null : posts[p.ReportsTo]);
            posts[p.Code] = post;
            db.Posts.Add(post);
            if (p.Emp is null) continue;

            var email = p.En!.ToLowerInvariant().Replace("dr. ", "").Replace(' ', '.') + "@rajasthan.example";
            var employee = new Employee(p.Emp, p.En, p.Hi!, email, null);
            employee.AssignTo(post, ChargeKind.Primary, postingStart, null, []);
            employees[p.Emp] = employee;
            db.Employees.Add(employee);

            var isAdmin = p.Emp == AdminEmployeeCode;
            var account = new Daftar.Accounts.Account
            {
                UserName = p.Emp,
                NormalizedUserName = p.Emp.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                PasswordHash = passwordHash,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true,
                Employee = employee,
                CreatedAt = now,
                PreferredCulture = "en",
            };
            db.Users.Add(account);
            accounts.Add((p.Emp, p.En, post.TitleEn, isAdmin));
        }

        foreach (var (emp, post) in AdditionalCharges)
            employees[emp].AssignTo(posts[post], ChargeKind.AdditionalCharge, postingStart.AddMonths(6), null, []);

        // The administrator's role row needs the account's generated key: save the organisation first.
        await db.SaveChangesAsync(ct);
        var adminId = await db.Users.Where(u => u.UserName == AdminEmployeeCode).Select(u => u.Id).SingleAsync(ct);
        db.UserRoles.Add(new IdentityUserRole<int> { UserId = adminId, RoleId = adminRole.Id });
        await db.SaveChangesAsync(ct);
        await new DemoFiles(db).SeedAsync(now, ct);
        await new DemoWorkFromHome(db).SeedAsync(now, ct);
        await new DemoAssets(db).SeedAsync(now, ct);

        return new Outcome(true, employees.Count, accounts);
    }

    private async Task<IdentityRole<int>> EnsureRoleAsync(string name, CancellationToken ct)
    {
        var role = await db.Roles.SingleOrDefaultAsync(r => r.Name == name, ct);
        if (role is not null) return role;
        role = new IdentityRole<int>(name) { NormalizedName = name.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() };
        db.Roles.Add(role);
        await db.SaveChangesAsync(ct);
        return role;
    }
}
