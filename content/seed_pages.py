"""The portal's starting pages, in Arabic and English. Editors change them in the admin afterwards."""

PAGES = [
    {
        "type": "service",
        "slug": "complaint",
        "case_type": "grievance",
        "title": {"ar": "تقديم شكوى", "en": "Make a complaint"},
        "summary": {
            "ar": "عن الأجور أو ساعات العمل أو الفصل أو السلامة أو التحرش أو أي مخالفة في العمل.",
            "en": "About wages, hours, dismissal, safety, harassment or any breach at work.",
        },
        "intro": {
            "ar": "يمكن للعمال وأصحاب العمل والمواطنين والمنظمات تقديم شكوى. يستغرق ذلك نحو عشر دقائق، ويمكنك إرفاق مستندات أو صور.",
            "en": "Workers, employers, citizens and organisations may complain. It takes about ten minutes, and you can attach documents or photos.",
        },
    },
    {
        "type": "service",
        "slug": "report-an-accident",
        "case_type": "incident_report",
        "title": {"ar": "الإبلاغ عن حادث أو إصابة عمل", "en": "Report a work accident or injury"},
        "summary": {
            "ar": "لأصحاب العمل والعمال والمرافق الصحية: أبلغوا عن الحوادث والإصابات في مكان العمل، وعن الوقائع الخطرة والحوادث الوشيكة.",
            "en": "For employers, workers and medical facilities: report accidents and injuries at work, and dangerous occurrences and near misses.",
        },
        "intro": {
            "ar": "أبلغ عن الحادث في أقرب وقت. ستحتاج إلى اسم المنشأة ومكان الحادث ووقته ومعلومات عن كل مصاب.",
            "en": "Report the accident as soon as possible. You will need the establishment's name, where and when it happened, and details of each injured person.",
        },
    },
    {
        "type": "service",
        "slug": "report-an-occupational-disease",
        "case_type": "disease_report",
        "title": {"ar": "الإبلاغ عن مرض مهني", "en": "Report an occupational disease"},
        "summary": {
            "ar": "لأصحاب العمل والأطباء والعمال: أبلغوا عن مرض سببه العمل، مثل أمراض الغبار أو الضوضاء أو المواد الكيميائية.",
            "en": "For employers, physicians and workers: report a disease caused by work, such as from dust, noise or chemicals.",
        },
        "intro": {
            "ar": "ستحتاج إلى اسم المنشأة، والمرض أو التشخيص، وما تعرض له العامل في العمل. اسم العامل واسمك سريان.",
            "en": "You will need the establishment's name, the disease or diagnosis, and what the worker was exposed to at work. The worker's name and yours stay confidential.",
        },
    },
    {
        "type": "service",
        "slug": "appeal",
        "case_type": "appeal",
        "title": {"ar": "الاعتراض على قرار شكوى", "en": "Appeal against a complaint decision"},
        "summary": {
            "ar": "إذا أُغلقت شكواك بقرار لا توافق عليه، فلك أن تعترض خلال ثلاثين يوماً من إغلاقها.",
            "en": "If your complaint was closed with a decision you disagree with, you may appeal within thirty days.",
        },
        "intro": {
            "ar": "ستحتاج إلى الرقم المرجعي لشكواك ورمز المتابعة الذي حصلت عليه عند تقديمها.",
            "en": "You will need your complaint's reference and the tracking code you received when you made it.",
        },
    },
    {
        "type": "tracking",
        "slug": "track",
        "title": {"ar": "متابعة قضية", "en": "Track a case"},
        "intro": {
            "ar": "أدخل الرقم المرجعي ورمز المتابعة اللذين حصلت عليهما عند تقديم الشكوى أو البلاغ.",
            "en": "Enter the reference and the tracking code you received when you made your complaint or report.",
        },
    },
    {
        "type": "library",
        "slug": "legal-library",
        "title": {"ar": "المكتبة القانونية", "en": "Legal library"},
        "intro": {
            "ar": "قانون العمل والتعليمات واتفاقيات منظمة العمل الدولية التي تستند إليها قوائم التفتيش.",
            "en": "The labour law, instructions and ILO conventions that inspection checklists refer to.",
        },
    },
    {
        "type": "information",
        "slug": "your-rights-at-work",
        "title": {"ar": "حقوقك في العمل", "en": "Your rights at work"},
        "summary": {
            "ar": "ما يكفله قانون العمل للعمال، وكيف تطلب المساعدة.",
            "en": "What the labour law guarantees workers, and how to ask for help.",
        },
        "body": {
            "ar": [
                (
                    "paragraph",
                    [
                        "يحمي قانون العمل رقم 37 لسنة 2015 حقوق العمال في العراق، ومنها مبادئ أساسية: حرية التنظيم النقابي، ومنع العمل الجبري، والقضاء على عمل الأطفال، وعدم التمييز."
                    ],
                ),
                (
                    "callout",
                    (
                        "info",
                        "إذا لم تُحترم حقوقك",
                        ["يمكنك تقديم شكوى، باسمك أو دون ذكر اسمك. لا تُكشف هويتك لصاحب العمل."],
                    ),
                ),
                (
                    "faq",
                    [
                        (
                            "هل يعلم صاحب العمل أنني اشتكيت؟",
                            "لا. تبقى هوية المشتكي سرية، ولا يُبلَّغ صاحب العمل بأن الزيارة جاءت نتيجة شكوى.",
                        ),
                        (
                            "أين أجد نصوص القانون؟",
                            "في المكتبة القانونية. النصوص الرسمية هي المرجع، وبعض المداخل بانتظار تأكيد الوزارة.",
                        ),
                    ],
                ),
            ],
            "en": [
                (
                    "paragraph",
                    [
                        "The Labour Law No. 37 of 2015 protects workers' rights in Iraq, including fundamental principles: freedom of association, the elimination of forced labour, the abolition of child labour and non-discrimination."
                    ],
                ),
                (
                    "callout",
                    (
                        "info",
                        "If your rights are not respected",
                        [
                            "You can make a complaint, with your name or without it. Your identity is never revealed to the employer."
                        ],
                    ),
                ),
                (
                    "faq",
                    [
                        (
                            "Will my employer know I complained?",
                            "No. The complainant's identity stays confidential, and the employer is not told that a visit follows a complaint.",
                        ),
                        (
                            "Where can I read the law?",
                            "In the legal library. The official texts are the reference; some entries await confirmation by the ministry.",
                        ),
                    ],
                ),
            ],
        },
    },
    {
        "type": "information",
        "slug": "safety-and-health-at-work",
        "title": {"ar": "السلامة والصحة المهنية", "en": "Safety and health at work"},
        "summary": {
            "ar": "واجبات صاحب العمل وما يجب أن يوفره للعمال.",
            "en": "What employers must do and provide.",
        },
        "body": {
            "ar": [
                (
                    "paragraph",
                    [
                        "على صاحب العمل توفير بيئة عمل آمنة: حماية الآلات، ومخارج الطوارئ ومعدات الإطفاء، ومعدات الوقاية الشخصية، والإسعافات الأولية، والتدريب."
                    ],
                ),
                (
                    "callout",
                    (
                        "warning",
                        "في حالة الخطر",
                        [
                            "إذا رأيت خطراً جسيماً على حياة العمال، أبلغ فوراً عن طريق الشكوى، واختر فئة مخاطر السلامة."
                        ],
                    ),
                ),
            ],
            "en": [
                (
                    "paragraph",
                    [
                        "Employers must provide a safe workplace: guarded machinery, emergency exits and fire equipment, personal protective equipment, first aid and training."
                    ],
                ),
                (
                    "callout",
                    (
                        "warning",
                        "In case of danger",
                        [
                            "If you see a serious danger to workers' lives, report it at once by making a complaint and choosing the safety hazard category."
                        ],
                    ),
                ),
            ],
        },
    },
    {
        "type": "information",
        "slug": "how-to-complain",
        "title": {"ar": "كيف تقدم شكوى", "en": "How to complain"},
        "summary": {
            "ar": "خطوات تقديم الشكوى ومتابعتها والاعتراض على القرار.",
            "en": "Making a complaint, following it, and appealing the decision.",
        },
        "body": {
            "ar": [
                (
                    "paragraph",
                    [
                        "املأ نموذج الشكوى خطوة بخطوة، وراجع إجاباتك، ثم أرسلها. ستحصل على رقم مرجعي ورمز متابعة: احتفظ بهما.",
                        "نقر باستلام الشكوى خلال ثلاثة أيام، ونخبرك بكل مرحلة. يمكنك الاعتراض على القرار خلال ثلاثين يوماً من إغلاق الشكوى.",
                    ],
                )
            ],
            "en": [
                (
                    "paragraph",
                    [
                        "Fill in the complaint form step by step, check your answers and send it. You will get a reference and a tracking code: keep them.",
                        "We acknowledge complaints within three days and tell you at each stage. You may appeal the decision within thirty days of the complaint's closure.",
                    ],
                )
            ],
        },
    },
    {
        "type": "information",
        "slug": "how-to-report-an-accident",
        "title": {"ar": "كيف تبلغ عن حادث عمل", "en": "How to report a work accident"},
        "summary": {
            "ar": "من يبلغ، ومتى، وما المعلومات المطلوبة.",
            "en": "Who reports, when, and what to include.",
        },
        "body": {
            "ar": [
                (
                    "paragraph",
                    [
                        "يبلغ صاحب العمل عن حوادث العمل والإصابات، ويمكن للعامل أو المرفق الصحي الإبلاغ أيضاً. الحوادث المميتة والجسيمة يُحقق فيها فوراً بزيارة تفتيش."
                    ],
                )
            ],
            "en": [
                (
                    "paragraph",
                    [
                        "Employers report work accidents and injuries; workers and medical facilities may report too. Fatal and serious accidents are investigated at once by an inspection visit."
                    ],
                )
            ],
        },
    },
    {
        "type": "contact",
        "slug": "contact",
        "title": {"ar": "اتصل بنا", "en": "Contact and help"},
        "summary": {
            "ar": "كيف تصل إلى الوزارة وتحصل على المساعدة.",
            "en": "How to reach the ministry and get help.",
        },
        "body": {
            "ar": [
                (
                    "paragraph",
                    [
                        "يمكنك زيارة قسم التفتيش في دائرة العمل في محافظتك، أو تقديم شكوى عبر هذه البوابة في أي وقت."
                    ],
                )
            ],
            "en": [
                (
                    "paragraph",
                    [
                        "You can visit the inspection section of the labour directorate in your governorate, or make a complaint on this portal at any time."
                    ],
                )
            ],
        },
    },
]
