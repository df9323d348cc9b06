"""Sample configuration for the forms tests: an option list, a legal provision and a two-step form."""

OPTION_LIST = {
    "key": "complaint_categories",
    "name": {"ar": "فئات الشكاوى", "en": "Complaint categories"},
    "options": [
        {"code": "wages", "label": {"ar": "الأجور", "en": "Wages"}},
        {"code": "wages_unpaid", "label": {"ar": "أجور غير مدفوعة", "en": "Unpaid wages"}, "parent": "wages"},
        {"code": "wages_late", "label": {"ar": "تأخر الأجور", "en": "Late wages"}, "parent": "wages"},
        {"code": "hours", "label": {"ar": "ساعات العمل", "en": "Working hours"}},
        {"code": "other", "label": {"ar": "أخرى", "en": "Other"}},
    ],
}

FORM = {
    "key": "sample_complaint",
    "kind": "grievance",
    "public": True,
    "title": {"ar": "شكوى تجريبية", "en": "Sample complaint"},
    "description": {"ar": "وصف", "en": "Description"},
    "fields": [
        {"type": "section", "key": "about", "title": {"ar": "عنك", "en": "About you"}},
        {
            "type": "yes_no",
            "key": "anonymous",
            "label": {"ar": "هل تريد البقاء مجهول الهوية؟", "en": "Do you want to stay anonymous?"},
            "required": True,
        },
        {
            "type": "text",
            "key": "full_name",
            "label": {"ar": "الاسم الكامل", "en": "Full name"},
            "confidential": True,
            "max_length": 120,
            "visible_if": {
                "match": "all",
                "rules": [{"field": "anonymous", "operator": "equals", "value": "no"}],
            },
            "required_if": {
                "match": "all",
                "rules": [{"field": "anonymous", "operator": "equals", "value": "no"}],
            },
        },
        {"type": "phone", "key": "phone", "label": {"ar": "الهاتف", "en": "Telephone"}},
        {"type": "section", "key": "complaint", "title": {"ar": "الشكوى", "en": "The complaint"}},
        {
            "type": "single_choice",
            "key": "category",
            "label": {"ar": "الفئة", "en": "Category"},
            "required": True,
            "option_list": "complaint_categories",
        },
        {
            "type": "long_text",
            "key": "description",
            "label": {"ar": "الوصف", "en": "Description"},
            "required": True,
            "min_length": 10,
        },
        {
            "type": "number",
            "key": "workers",
            "label": {"ar": "عدد العمال", "en": "Number of workers"},
            "min_value": 1,
            "max_value": 100000,
            "integer_only": True,
        },
        {
            "type": "file",
            "key": "evidence",
            "label": {"ar": "أدلة", "en": "Evidence"},
            "allowed_types": ["pdf", "png"],
            "max_size_mb": 1,
            "max_files": 2,
        },
        {
            "type": "repeat_group",
            "key": "witnesses",
            "label": {"ar": "الشهود", "en": "Witnesses"},
            "row_label": {"ar": "شاهد", "en": "Witness"},
            "min_rows": 0,
            "max_rows": 3,
            "fields": [
                {
                    "type": "text",
                    "key": "witness_name",
                    "label": {"ar": "اسم الشاهد", "en": "Witness name"},
                    "required": True,
                },
                {
                    "type": "number",
                    "key": "witness_age",
                    "label": {"ar": "العمر", "en": "Age"},
                    "min_value": 10,
                    "max_value": 100,
                },
            ],
        },
    ],
}


# A form and an option list whose labels, help and options carry script: every screen must escape them.
XSS_FORM = {
    "key": "xss_probe",
    "title": {"ar": "<script>alert('t')</script>", "en": "<script>alert('t')</script>"},
    "fields": [
        {
            "type": "text",
            "key": "name",
            "label": {"ar": "<script>alert(1)</script>", "en": "<script>alert(1)</script>"},
            "help_text": {"ar": "<img src=x onerror=alert(2)>", "en": "<img src=x onerror=alert(2)>"},
        },
        {
            "type": "single_choice",
            "key": "pick",
            "label": {"ar": "اختر", "en": "Pick"},
            "display": "radio",
            "option_list": "xss_options",
        },
    ],
}
XSS_OPTIONS = {
    "key": "xss_options",
    "name": {"ar": "خيارات", "en": "Options"},
    "options": [
        {"code": "x", "label": {"ar": "<b onmouseover=alert(3)>B</b>", "en": "<b onmouseover=alert(3)>B</b>"}}
    ],
}
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "<b onmouseover=alert(3)>",
    "<script>alert('t')</script>",
]
