/**
 * @module seed/names
 * Invented people for the demo caseload and the benchmarks: common given and family names of a few
 * broad regions of origin, combined at random by a seeded generator, so that no record describes a
 * real person. The lists were written for Waypoint from general knowledge of frequent names (no
 * register, directory or data set was used); spellings are the usual Latin transliterations, with the
 * variants ("Mohammad", "Muhammad") that real caseloads carry and duplicate detection must cope with.
 */

export interface NamePool {
  /** Spoken languages (ISO 639) of the region, the first most common. */
  languages: string[];
  male: string[];
  female: string[];
  family: string[];
}

const LEVANT: NamePool = {
  languages: ['ar', 'ku'],
  male: ['Mohammad', 'Muhammad', 'Ahmad', 'Ali', 'Omar', 'Khaled', 'Mahmoud', 'Hassan', 'Hussein', 'Yousef', 'Ibrahim', 'Abdullah', 'Mustafa', 'Bilal', 'Rami', 'Samer', 'Fadi', 'Tarek', 'Ammar', 'Anas', 'Karim', 'Nour', 'Walid', 'Ziad'],
  female: ['Fatima', 'Aisha', 'Mariam', 'Noor', 'Rania', 'Lina', 'Huda', 'Amal', 'Reem', 'Sara', 'Hiba', 'Rasha', 'Dima', 'Yasmin', 'Layla', 'Salma', 'Ghada', 'Nadia', 'Samar', 'Rouba', 'Zeinab', 'Maya'],
  family: ['Al-Ahmad', 'Al-Hassan', 'Haddad', 'Khalil', 'Darwish', 'Hamdan', 'Mansour', 'Nasser', 'Saleh', 'Suleiman', 'Othman', 'Al-Khatib', 'Hijazi', 'Qassem', 'Barakat', 'Haidar', 'Shami', 'Zaher', 'Jaber', 'Abbas', 'Sabbagh', 'Kurdi', 'Hammoud', 'Al-Ali', 'Yassin', 'Issa', 'Murad', 'Rashid', 'Taha', 'Fakhoury'],
};

const NORTH_AFRICA: NamePool = {
  languages: ['ar', 'fr'],
  male: ['Mohamed', 'Ahmed', 'Youssef', 'Amine', 'Karim', 'Mehdi', 'Hamza', 'Ayoub', 'Omar', 'Khalid', 'Mostafa', 'Sami', 'Walid', 'Nabil', 'Hicham', 'Rachid', 'Adel', 'Tarek', 'Ismail', 'Bilal', 'Anis', 'Mahmoud', 'Abdelkader'],
  female: ['Fatima', 'Khadija', 'Amina', 'Salma', 'Nadia', 'Sara', 'Imane', 'Houda', 'Meriem', 'Asmaa', 'Nour', 'Samira', 'Yasmine', 'Hajar', 'Leila', 'Souad', 'Rania', 'Mona', 'Ines', 'Aya', 'Karima'],
  family: ['Benali', 'El Amrani', 'Bennani', 'Alaoui', 'Haddad', 'Trabelsi', 'Ben Salah', 'Mansouri', 'Bouazizi', 'Gharbi', 'Hamdi', 'Saidi', 'Belkacem', 'Khelifi', 'Ziani', 'Abdelrahman', 'Mahmoud', 'Hassan', 'Ibrahim', 'Farouk', 'Soliman', 'El Sayed', 'Mostafa', 'Naceri', 'Ouali', 'Chaabane', 'Amrani', 'Tahiri', 'Jaziri', 'Ferjani'],
};

const AFGHAN_IRANIAN: NamePool = {
  languages: ['prs', 'ps', 'fa'],
  male: ['Ahmad', 'Mohammad', 'Ali', 'Hamid', 'Mahmood', 'Najib', 'Farid', 'Rahim', 'Karim', 'Jawad', 'Reza', 'Hossein', 'Mehdi', 'Sayed', 'Mustafa', 'Abdul', 'Nasir', 'Zabihullah', 'Rahmatullah', 'Bashir', 'Idris', 'Omid', 'Javid', 'Sohrab'],
  female: ['Fatima', 'Zahra', 'Maryam', 'Shabnam', 'Nargis', 'Farzana', 'Parisa', 'Laila', 'Roya', 'Soraya', 'Marzia', 'Zainab', 'Masooma', 'Sakina', 'Hamida', 'Nazanin', 'Fereshta', 'Mina', 'Shirin', 'Zohal', 'Tahmina'],
  family: ['Ahmadi', 'Mohammadi', 'Hosseini', 'Rahimi', 'Karimi', 'Azizi', 'Rezaei', 'Sultani', 'Noori', 'Haidari', 'Popal', 'Safi', 'Stanikzai', 'Wardak', 'Hakimi', 'Sharifi', 'Jafari', 'Akbari', 'Sadat', 'Amiri', 'Habibi', 'Naseri', 'Ghafoori', 'Yousufzai', 'Barakzai', 'Qaderi', 'Mirzaei', 'Kazemi', 'Samadi', 'Faizi'],
};

const SOUTH_ASIA: NamePool = {
  languages: ['bn', 'ur', 'pa', 'en'],
  male: ['Mohammad', 'Md', 'Abdul', 'Rahim', 'Karim', 'Hasan', 'Imran', 'Faisal', 'Bilal', 'Usman', 'Rafiq', 'Sohel', 'Shakil', 'Rashed', 'Tanvir', 'Arif', 'Kamal', 'Jahid', 'Ali', 'Zubair', 'Sajid', 'Naveed', 'Asif', 'Ravi'],
  female: ['Fatema', 'Ayesha', 'Nasrin', 'Sultana', 'Shirin', 'Rokeya', 'Sadia', 'Farzana', 'Nusrat', 'Sabina', 'Rubina', 'Hina', 'Saima', 'Sana', 'Amna', 'Bushra', 'Taslima', 'Jannat', 'Priya', 'Shabana'],
  family: ['Rahman', 'Hossain', 'Islam', 'Ahmed', 'Khan', 'Chowdhury', 'Uddin', 'Miah', 'Sarkar', 'Akter', 'Begum', 'Sheikh', 'Talukder', 'Hussain', 'Malik', 'Butt', 'Qureshi', 'Shah', 'Chaudhry', 'Iqbal', 'Raza', 'Siddiqui', 'Mahmud', 'Alam', 'Bhuiyan', 'Mondal', 'Haque', 'Kabir', 'Singh', 'Awan'],
};

const TURKEY: NamePool = {
  languages: ['tr', 'ku'],
  male: ['Mehmet', 'Mustafa', 'Ahmet', 'Ali', 'Hüseyin', 'Hasan', 'İbrahim', 'Murat', 'Ömer', 'Yusuf', 'Emre', 'Burak', 'Serkan', 'Kemal', 'Osman', 'Ramazan', 'Fatih', 'Halil', 'Mahmut', 'Abdullah', 'Baran', 'Deniz'],
  female: ['Fatma', 'Ayşe', 'Emine', 'Hatice', 'Zeynep', 'Elif', 'Meryem', 'Şerife', 'Zehra', 'Sultan', 'Hanife', 'Merve', 'Büşra', 'Esra', 'Derya', 'Gülsüm', 'Rojda', 'Berfin', 'Leyla', 'Songül'],
  family: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Yıldırım', 'Öztürk', 'Aydın', 'Özdemir', 'Arslan', 'Doğan', 'Kılıç', 'Aslan', 'Çetin', 'Kara', 'Koç', 'Kurt', 'Özkan', 'Şimşek', 'Polat', 'Korkmaz', 'Aktaş', 'Güneş', 'Tekin', 'Bozkurt', 'Erdem', 'Altun', 'Yavuz', 'Acar'],
};

const LATIN_AMERICA: NamePool = {
  languages: ['es'],
  male: ['José', 'Luis', 'Carlos', 'Juan', 'Jesús', 'Miguel', 'Pedro', 'Jorge', 'Andrés', 'Alejandro', 'Daniel', 'David', 'Ángel', 'Manuel', 'Javier', 'Rafael', 'Francisco', 'Wilmer', 'Yeison', 'Kevin', 'Jhon', 'Brayan', 'Héctor', 'Ricardo'],
  female: ['María', 'Ana', 'Carmen', 'Luisa', 'Yolanda', 'Carolina', 'Andrea', 'Daniela', 'Gabriela', 'Paola', 'Valentina', 'Yuliana', 'Marisol', 'Rosa', 'Diana', 'Alejandra', 'Karina', 'Mariana', 'Lorena', 'Sofía', 'Yenny', 'Patricia'],
  family: ['González', 'Rodríguez', 'Pérez', 'Hernández', 'García', 'Martínez', 'López', 'Gómez', 'Díaz', 'Sánchez', 'Ramírez', 'Torres', 'Rojas', 'Flores', 'Morales', 'Vargas', 'Castillo', 'Jiménez', 'Moreno', 'Romero', 'Herrera', 'Medina', 'Suárez', 'Castro', 'Ortiz', 'Mendoza', 'Silva', 'Guerrero', 'Cárdenas', 'Quintero'],
};

const WEST_AFRICA_FRANCOPHONE: NamePool = {
  languages: ['fr', 'ff', 'bm', 'wo'],
  male: ['Mamadou', 'Ibrahima', 'Moussa', 'Abdoulaye', 'Ousmane', 'Amadou', 'Souleymane', 'Boubacar', 'Sekou', 'Alpha', 'Modibo', 'Lamine', 'Cheikh', 'Issa', 'Adama', 'Yacouba', 'Drissa', 'Seydou', 'Kouadio', 'Yao', 'Jean', 'Serge', 'Patrice'],
  female: ['Fatoumata', 'Aminata', 'Mariama', 'Aissatou', 'Kadiatou', 'Hawa', 'Fanta', 'Awa', 'Mariam', 'Oumou', 'Rokia', 'Bintou', 'Djeneba', 'Ramatou', 'Aïcha', 'Adjoua', 'Affoué', 'Marie', 'Christelle', 'Nadège'],
  family: ['Diallo', 'Traoré', 'Camara', 'Keita', 'Coulibaly', 'Diakité', 'Koné', 'Touré', 'Sow', 'Barry', 'Bah', 'Sylla', 'Konaté', 'Diarra', 'Sangaré', 'Cissé', 'Ndiaye', 'Diop', 'Fall', 'Sy', 'Kouassi', 'Koffi', 'Yao', 'Ouattara', 'Bamba', 'Kaboré', 'Ouédraogo', 'Mbemba', 'Kabila', 'Mukendi'],
};

const WEST_AFRICA_ANGLOPHONE: NamePool = {
  languages: ['en', 'yo', 'ha', 'ig'],
  male: ['Emmanuel', 'Samuel', 'Daniel', 'Joseph', 'John', 'Michael', 'David', 'Godwin', 'Chukwuemeka', 'Oluwaseun', 'Ibrahim', 'Musa', 'Abubakar', 'Kwame', 'Kofi', 'Alhaji', 'Lamin', 'Ebrima', 'Momodou', 'Abdul', 'Prince', 'Blessing'],
  female: ['Blessing', 'Grace', 'Mercy', 'Joy', 'Patience', 'Esther', 'Faith', 'Chioma', 'Ngozi', 'Aisha', 'Zainab', 'Hauwa', 'Adwoa', 'Ama', 'Isatou', 'Fatou', 'Mariatu', 'Hannah', 'Comfort', 'Precious'],
  family: ['Okafor', 'Okeke', 'Adeyemi', 'Ogunleye', 'Eze', 'Nwosu', 'Bello', 'Abubakar', 'Mohammed', 'Usman', 'Mensah', 'Owusu', 'Boateng', 'Asante', 'Jallow', 'Ceesay', 'Sesay', 'Kamara', 'Conteh', 'Bangura', 'Johnson', 'Williams', 'Okonkwo', 'Adebayo', 'Obi', 'Darboe', 'Touray', 'Njie', 'Mansaray', 'Turay'],
};

const HORN_OF_AFRICA: NamePool = {
  languages: ['ti', 'so', 'am', 'ar'],
  male: ['Mohamed', 'Abdi', 'Ahmed', 'Hassan', 'Abdullahi', 'Yonas', 'Tesfay', 'Dawit', 'Yohannes', 'Kidane', 'Mehari', 'Samuel', 'Filmon', 'Biniam', 'Habtom', 'Omar', 'Ali', 'Ismail', 'Abdirahman', 'Mukhtar', 'Tekle', 'Robel'],
  female: ['Hawa', 'Fadumo', 'Amina', 'Sahra', 'Hodan', 'Ifrah', 'Asha', 'Halima', 'Luwam', 'Selam', 'Helen', 'Senait', 'Freweyni', 'Yordanos', 'Saba', 'Mebrat', 'Rahel', 'Nardos', 'Ruth', 'Hiwet'],
  family: ['Mohamed', 'Abdi', 'Hassan', 'Ahmed', 'Ali', 'Warsame', 'Farah', 'Osman', 'Yusuf', 'Hussein', 'Tesfamariam', 'Gebremedhin', 'Haile', 'Berhe', 'Tekle', 'Ghebreyesus', 'Kidane', 'Habte', 'Weldemichael', 'Asfaw', 'Tsegay', 'Mehari', 'Negash', 'Abraha', 'Hagos', 'Jama', 'Nur', 'Aden', 'Ismail', 'Gebru'],
};

const POST_SOVIET: NamePool = {
  languages: ['ru', 'uk', 'ka'],
  male: ['Aleksandr', 'Sergei', 'Dmitri', 'Andrei', 'Oleksandr', 'Mykola', 'Ivan', 'Vladimir', 'Nikolai', 'Giorgi', 'Davit', 'Levan', 'Irakli', 'Artem', 'Maksim', 'Yuri', 'Ruslan', 'Timur', 'Bekzod', 'Rustam', 'Arman', 'Vitali'],
  female: ['Elena', 'Olga', 'Natalia', 'Tatiana', 'Irina', 'Svetlana', 'Anna', 'Maria', 'Yulia', 'Oksana', 'Nino', 'Tamar', 'Mariam', 'Ketevan', 'Ekaterina', 'Viktoria', 'Alina', 'Dilnoza', 'Madina', 'Gulnara'],
  family: ['Ivanov', 'Petrov', 'Smirnov', 'Kuznetsov', 'Popov', 'Sokolov', 'Shevchenko', 'Kovalenko', 'Bondarenko', 'Tkachenko', 'Melnyk', 'Boyko', 'Beridze', 'Kapanadze', 'Gelashvili', 'Maisuradze', 'Giorgadze', 'Lomidze', 'Tsiklauri', 'Nazarov', 'Karimov', 'Rakhimov', 'Aliyev', 'Mammadov', 'Hovhannisyan', 'Grigoryan', 'Rusu', 'Ceban', 'Morozov', 'Volkov'],
};

const BALKANS: NamePool = {
  languages: ['sq', 'sr', 'bs', 'mk'],
  male: ['Arben', 'Ardit', 'Besnik', 'Blerim', 'Dritan', 'Endrit', 'Ermal', 'Fatmir', 'Gentian', 'Ilir', 'Klodian', 'Luan', 'Marko', 'Nikola', 'Stefan', 'Miloš', 'Dragan', 'Emir', 'Adnan', 'Amar', 'Goran', 'Aleksandar'],
  female: ['Anila', 'Arta', 'Blerta', 'Elira', 'Erjona', 'Fjolla', 'Mimoza', 'Teuta', 'Vjosa', 'Drita', 'Jelena', 'Milica', 'Ana', 'Marija', 'Ivana', 'Amra', 'Lejla', 'Selma', 'Emina', 'Elena'],
  family: ['Hoxha', 'Shehu', 'Krasniqi', 'Gashi', 'Berisha', 'Morina', 'Kelmendi', 'Hasani', 'Leka', 'Dervishi', 'Kola', 'Çela', 'Bajrami', 'Rama', 'Basha', 'Jovanović', 'Petrović', 'Nikolić', 'Marković', 'Đorđević', 'Hodžić', 'Hadžić', 'Begić', 'Delić', 'Kovačević', 'Stojanovski', 'Petrovski', 'Dimitrovski', 'Popović', 'Ilić'],
};

const EAST_ASIA: NamePool = {
  languages: ['zh', 'vi', 'en'],
  male: ['Wei', 'Jun', 'Hao', 'Lei', 'Jian', 'Ming', 'Tao', 'Yong', 'Minh', 'Duc', 'Tuan', 'Hung', 'Nam', 'Quang', 'Kyaw', 'Aung', 'Min', 'Soe', 'Tenzin', 'Karma'],
  female: ['Li', 'Mei', 'Xiu', 'Ying', 'Fang', 'Hong', 'Yan', 'Jing', 'Linh', 'Huong', 'Lan', 'Mai', 'Thu', 'Ngoc', 'Hnin', 'Thida', 'Su', 'Pema', 'Dolma', 'Yangchen'],
  family: ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Phan', 'Vu', 'Dang', 'Bui', 'Do', 'Htun', 'Win', 'Oo', 'Thein', 'Dorje', 'Lhamo', 'Sherpa', 'Tamang', 'Gurung', 'Rai'],
};

const CENTRAL_AFRICA: NamePool = {
  languages: ['fr', 'ln', 'sw', 'rw'],
  male: ['Jean', 'Patrick', 'Christian', 'Emmanuel', 'Pierre', 'Joseph', 'Dieudonné', 'Fiston', 'Trésor', 'Glody', 'Blaise', 'Eric', 'Olivier', 'Innocent', 'Jean-Claude', 'Aimé', 'Fabrice', 'Claude', 'Divin', 'Junior'],
  female: ['Marie', 'Grâce', 'Esther', 'Chantal', 'Francine', 'Solange', 'Josiane', 'Clarisse', 'Nadine', 'Aline', 'Gisèle', 'Béatrice', 'Jeanne', 'Divine', 'Espérance', 'Odette', 'Sandrine', 'Rachel', 'Mireille', 'Rebecca'],
  family: ['Mukendi', 'Kabongo', 'Ilunga', 'Tshibangu', 'Mbuyi', 'Kalala', 'Ngoy', 'Mwamba', 'Kasongo', 'Lukusa', 'Nkulu', 'Mutombo', 'Banza', 'Kabeya', 'Mpoyi', 'Niyonzima', 'Habimana', 'Uwimana', 'Nshimiyimana', 'Ndayishimiye', 'Nkurunziza', 'Hakizimana', 'Bizimana', 'Mugisha', 'Mbarga', 'Nguema', 'Fotso', 'Tchoumi', 'Essomba', 'Kamdem'],
};

const WORLD: NamePool = {
  languages: ['en', 'fr'],
  male: ['Daniel', 'David', 'Samuel', 'Joseph', 'Michael', 'Adam', 'Ali', 'Omar', 'Jean', 'Paul', 'Thomas', 'Ibrahim', 'Emmanuel', 'Yusuf', 'Andrés', 'Marco', 'Ivan', 'Karim', 'Sami', 'Rafael'],
  female: ['Maria', 'Sara', 'Anna', 'Amina', 'Fatima', 'Grace', 'Marie', 'Leila', 'Nadia', 'Elena', 'Sofia', 'Mariam', 'Rosa', 'Aisha', 'Hana', 'Esther', 'Laura', 'Ines', 'Nour', 'Yasmin'],
  family: ['Haddad', 'Khan', 'Diallo', 'Garcia', 'Silva', 'Ahmed', 'Hassan', 'Ibrahim', 'Martin', 'Santos', 'Ali', 'Rahman', 'Mensah', 'Kamara', 'Nguyen', 'Ivanov', 'Lopez', 'Osman', 'Yusuf', 'Mohamed', 'Pereira', 'Bello', 'Farah', 'Mansour', 'Said', 'Ferreira', 'Okafor', 'Jallow', 'Kaya', 'Sesay'],
};

/** The name pool of each nationality (ISO 3166-1 alpha-2); others take {@link WORLD}. */
const REGION_OF: Readonly<Record<string, NamePool>> = Object.fromEntries(([
  [LEVANT, ['SY', 'IQ', 'PS', 'LB', 'JO', 'KW', 'YE', 'SA', 'AE', 'QA', 'BH', 'OM']],
  [NORTH_AFRICA, ['EG', 'MA', 'TN', 'DZ', 'LY', 'SD', 'EH', 'MR']],
  [AFGHAN_IRANIAN, ['AF', 'IR', 'TJ']],
  [SOUTH_ASIA, ['BD', 'PK', 'IN', 'NP', 'LK', 'BT', 'MV']],
  [TURKEY, ['TR']],
  [LATIN_AMERICA, ['VE', 'CO', 'PE', 'HN', 'NI', 'CU', 'SV', 'GT', 'EC', 'BO', 'DO', 'MX', 'AR', 'CL', 'PY', 'UY', 'PA', 'CR', 'BR']],
  [WEST_AFRICA_FRANCOPHONE, ['GN', 'ML', 'CI', 'SN', 'BF', 'TG', 'BJ', 'NE', 'TD', 'GW', 'KM', 'DJ', 'HT', 'MG']],
  [WEST_AFRICA_ANGLOPHONE, ['NG', 'GH', 'GM', 'SL', 'LR', 'CV']],
  [HORN_OF_AFRICA, ['ER', 'ET', 'SO', 'SS']],
  [POST_SOVIET, ['RU', 'UA', 'GE', 'BY', 'MD', 'AM', 'AZ', 'KZ', 'UZ', 'KG', 'TM']],
  [BALKANS, ['AL', 'RS', 'BA', 'MK', 'XK', 'ME']],
  [EAST_ASIA, ['CN', 'VN', 'MM', 'MN', 'KH', 'LA', 'TH', 'PH', 'ID', 'MY', 'TW']],
  [CENTRAL_AFRICA, ['CD', 'CG', 'CM', 'CF', 'RW', 'BI', 'GA', 'GQ', 'AO', 'UG', 'KE', 'TZ']],
] as const).flatMap(([pool, codes]) => codes.map((code) => [code, pool])));

/** The spoken language of a few nationalities where it differs from the first of their region's. */
const LANGUAGE_OF: Readonly<Record<string, string>> = {
  BR: 'pt', ER: 'ti', ET: 'am', SO: 'so', UA: 'uk', GE: 'ka', AM: 'hy', AZ: 'az', IR: 'fa', PK: 'ur', IN: 'hi', NP: 'ne', LK: 'si',
  VN: 'vi', MM: 'my', RS: 'sr', BA: 'bs', MK: 'mk', ME: 'sr', HT: 'ht', RW: 'rw', BI: 'rn', KE: 'sw', TZ: 'sw', UG: 'en', CV: 'pt', AO: 'pt',
};

/** The name pool for a nationality. */
export function namePoolOf(nationality: string): NamePool {
  return REGION_OF[nationality] ?? WORLD;
}

/** The language a person of this nationality most likely speaks. */
export function languageOf(nationality: string): string {
  return LANGUAGE_OF[nationality] ?? namePoolOf(nationality).languages[0]!;
}
